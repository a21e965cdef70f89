package io.creditcontrol.alerts.webhook;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The real UTC clock for webhook delivery (see {@link DeliveryClock}). */
public class DeliveryClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    @DeliveryClock
    Clock deliveryClock() {
        return Clock.systemUTC();
    }
}
