package io.creditcontrol.limits.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.limits.credit.LimitService;
import io.creditcontrol.limits.credit.LimitService.StatementCommand;
import io.creditcontrol.limits.exposure.BuyerRegistry;
import io.creditcontrol.limits.messaging.events.BuyerEvents;
import io.creditcontrol.limits.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.limits.messaging.events.BuyerEvents.FinancialStatementReported;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps buyers' names and group parents from credit.buyers.v1, and their latest financial
 * statement, which sizes limits ({@link LimitService#financialStatementReported}). Risk signals on
 * that topic are scoring's input and are skipped here, like unknown types.
 * Failure policy: see {@link Inbox}; dead-letter topic credit.dlq.limits.v1.
 */
@ApplicationScoped
public class BuyersConsumer {

    private static final Logger LOG = Logger.getLogger(BuyersConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final BuyerRegistry buyers;
    private final LimitService limits;

    BuyersConsumer(Inbox inbox, EventData eventData, BuyerRegistry buyers, LimitService limits) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.buyers = buyers;
        this.limits = limits;
    }

    @Incoming("buyers")
    @Blocking
    public void onBuyerEvent(String record) {
        inbox.receive("buyers", record, event -> {
            switch (event.type()) {
                case BuyerEvents.BUYER_REGISTERED, BuyerEvents.BUYER_UPDATED ->
                        buyers.masterDataChanged(eventData.read(event, BuyerMasterData.class));
                case BuyerEvents.FINANCIAL_STATEMENT_REPORTED -> {
                    FinancialStatementReported statement = eventData.read(event, FinancialStatementReported.class);
                    limits.financialStatementReported(new StatementCommand(statement.buyerId(), statement.periodEnd(),
                            statement.currency(), statement.revenue(), statement.bookEquity(), event.source(), event.id()));
                }
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), BuyerEvents.BUYERS_TOPIC);
            }
        });
    }
}
