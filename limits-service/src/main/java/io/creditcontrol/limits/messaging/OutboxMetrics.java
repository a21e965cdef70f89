package io.creditcontrol.limits.messaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** credit.outbox.pending: events written but not yet relayed to Kafka, counted when the metrics are scraped. */
@ApplicationScoped
public class OutboxMetrics {

    private final AgroalDataSource dataSource;

    OutboxMetrics(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("credit.outbox.pending", this, OutboxMetrics::pending)
                .description("Outbox events not yet published to Kafka").register(registry);
    }

    double pending() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL")) {
            return row.next() ? row.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }
}
