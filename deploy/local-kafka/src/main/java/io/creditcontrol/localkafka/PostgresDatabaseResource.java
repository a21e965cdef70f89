package io.creditcontrol.localkafka;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: points the service under test at the real PostgreSQL named by the
 * standard PG* environment variables (defaults 127.0.0.1:5432, user postgres), in a database of
 * its own that is created when missing. Pass the database name as init arg {@code database}.
 * The schema is reset by Flyway's clean so every test run starts from the migrations.
 * {@code CREDIT_TEST_DB_SUFFIX}, when set, is appended to the name, so two checkouts can run
 * their tests on one PostgreSQL at the same time.
 */
public class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", "credit_test") + System.getenv().getOrDefault("CREDIT_TEST_DB_SUFFIX", "");
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unsafe database name: " + database);
        }
    }

    @Override
    public Map<String, String> start() {
        PgConnection pg = PgConnection.fromEnvironment();
        pg.createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
    }

    /** Connection settings read the way libpq reads them. */
    public record PgConnection(String host, String port, String user, String password) {

        public static PgConnection fromEnvironment() {
            return new PgConnection(
                    env("PGHOST", "127.0.0.1"),
                    env("PGPORT", "5432"),
                    env("PGUSER", "postgres"),
                    env("PGPASSWORD", ""));
        }

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public void createDatabaseIfMissing(String database) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password)) {
                try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    exists.setString(1, database);
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) {
                            return;
                        }
                    }
                }
                try (Statement create = connection.createStatement()) {
                    create.execute("CREATE DATABASE " + database);
                } catch (SQLException e) {
                    // another test JVM created it meanwhile: fine
                    if (!"42P04".equals(e.getSQLState())) {
                        throw e;
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " is not reachable as " + user
                        + "; start it or set PGHOST/PGPORT/PGUSER/PGPASSWORD", e);
            }
        }

        public void dropDatabaseIfExists(String database) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), user, password);
                 Statement drop = connection.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not drop database " + database, e);
            }
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
