package io.creditcontrol.alerts.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.alerts.buyers.BuyerRegister;
import io.creditcontrol.alerts.messaging.events.BuyerEvents;
import io.creditcontrol.alerts.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.alerts.messaging.events.BuyerEvents.RiskSignalReported;
import io.creditcontrol.alerts.rules.EventRules;
import io.creditcontrol.alerts.rules.ReceivableRules;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps this service's register of buyers (master data and the history of risk signals) from
 * credit.buyers.v1. Failure policy: see {@link Inbox}; the dead-letter topic is
 * credit.dlq.alerts.v1. Financial statements are skipped on purpose (see {@link BuyerEvents}),
 * as are types not listed.
 */
@ApplicationScoped
public class BuyersConsumer {

    private static final Logger LOG = Logger.getLogger(BuyersConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final BuyerRegister register;
    private final EventRules eventRules;
    private final ReceivableRules receivableRules;

    BuyersConsumer(Inbox inbox, EventData eventData, BuyerRegister register, EventRules eventRules, ReceivableRules receivableRules) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.register = register;
        this.eventRules = eventRules;
        this.receivableRules = receivableRules;
    }

    @Incoming("buyers")
    @Blocking
    public void onBuyerEvent(ConsumerRecord<String, String> record) {
        inbox.receive("buyers", record.key(), record.value(), event -> {
            switch (event.type()) {
                case BuyerEvents.BUYER_REGISTERED, BuyerEvents.BUYER_UPDATED -> {
                    register.masterDataReported(eventData.read(event, BuyerMasterData.class), event.time());
                    // a new parent changes the buyer's group, and so the group's share of the receivables
                    receivableRules.concentration(event.subject());
                }
                case BuyerEvents.RISK_SIGNAL_REPORTED -> {
                    RiskSignalReported reported = eventData.read(event, RiskSignalReported.class);
                    register.riskSignalReported(reported, event.id(), event.time());
                    eventRules.riskSignalReported(reported, event.id());
                }
                case BuyerEvents.FINANCIAL_STATEMENT_REPORTED ->
                        LOG.debugf("Skipping %s %s: financial statements reach this service as grades", event.type(), event.id());
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), BuyerEvents.BUYERS_TOPIC);
            }
        });
    }
}
