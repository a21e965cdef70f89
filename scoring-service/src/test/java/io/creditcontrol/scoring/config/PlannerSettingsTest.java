package io.creditcontrol.scoring.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The service's connections must reach PostgreSQL with the planner's random page cost for memory
 * or SSD (application.properties): with the default, the consumer's batch reads turned into
 * whole-table scans as the tables grew (docs/scoring.md, section 8).
 */
@QuarkusTest
class PlannerSettingsTest {

    @Inject
    EntityManager em;

    @Test
    void connectionsUseTheRandomPageCostForDataInMemoryOrOnSsd() {
        String cost = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery("SHOW random_page_cost").getSingleResult());
        assertEquals("1.1", cost);
    }
}
