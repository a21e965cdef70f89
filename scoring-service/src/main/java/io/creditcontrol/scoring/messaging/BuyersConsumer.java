package io.creditcontrol.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.scoring.buyer.BuyerFile;
import io.creditcontrol.scoring.messaging.events.BuyerEvents;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.FinancialStatementReported;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.RiskSignalReported;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds the buyer's credit file from credit.buyers.v1. Failure policy: see {@link Inbox}; the
 * channel's dead-letter topic is credit.dlq.scoring.v1. Event types this service does not
 * handle are acknowledged and skipped. Every event applied queues the buyer for re-scoring.
 */
@ApplicationScoped
public class BuyersConsumer {

    private static final Logger LOG = Logger.getLogger(BuyersConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final BuyerFile buyerFile;

    BuyersConsumer(Inbox inbox, EventData eventData, BuyerFile buyerFile) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.buyerFile = buyerFile;
    }

    @Incoming("buyers")
    @Blocking
    public void onBuyerEvents(ConsumerRecords<String, String> records) {
        inbox.receive("buyers", records, event -> {
            switch (event.type()) {
                case BuyerEvents.BUYER_REGISTERED, BuyerEvents.BUYER_UPDATED ->
                        buyerFile.masterDataReceived(event, eventData.read(event, BuyerMasterData.class));
                case BuyerEvents.RISK_SIGNAL_REPORTED ->
                        buyerFile.riskSignalReported(event, eventData.read(event, RiskSignalReported.class));
                case BuyerEvents.FINANCIAL_STATEMENT_REPORTED ->
                        buyerFile.financialStatementReported(event, eventData.read(event, FinancialStatementReported.class));
                default -> {
                    LOG.debugf("Ignoring event type %s on %s", event.type(), BuyerEvents.BUYERS_TOPIC);
                    return null;
                }
            }
            return event.subject();
        });
    }
}
