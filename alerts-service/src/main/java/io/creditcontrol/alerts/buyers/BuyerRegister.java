package io.creditcontrol.alerts.buyers;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.creditcontrol.alerts.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.alerts.messaging.events.BuyerEvents.RiskSignalReported;

/**
 * Applies credit.buyers.v1 to this service's register of buyers. Every method runs inside the
 * inbox transaction that records the event as applied.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BuyerRegister {

    /**
     * Registered and updated both carry the full master record, and one buyer's events arrive
     * in order, so the latest one simply replaces what was there (a registration after an
     * update is a re-sent registration and is applied the same way).
     */
    public void masterDataReported(BuyerMasterData data, Instant occurredAt) {
        Buyer buyer = Buyer.lockForUpdate(data.buyerId());
        buyer.name = data.name();
        buyer.country = data.country();
        buyer.industry = data.industry();
        buyer.parentId = data.parentId();
        buyer.masterDataAt = occurredAt;
    }

    public void riskSignalReported(RiskSignalReported reported, String eventId, Instant occurredAt) {
        Buyer.lockForUpdate(reported.buyerId());
        RiskSignal signal = new RiskSignal();
        signal.buyerId = reported.buyerId();
        signal.signal = reported.signal().name();
        signal.observedOn = reported.observedOn();
        signal.severity = reported.severity() == null ? null : reported.severity().name();
        signal.description = clip(reported.description(), 4000);
        signal.source = clip(reported.source(), 1000);
        signal.reportedAt = occurredAt;
        signal.eventId = eventId;
        signal.persist();
    }

    /** Free texts are informative: an overlong one is shortened rather than refused. */
    private static String clip(String text, int maxLength) {
        return text == null || text.length() <= maxLength ? text : text.substring(0, maxLength);
    }
}
