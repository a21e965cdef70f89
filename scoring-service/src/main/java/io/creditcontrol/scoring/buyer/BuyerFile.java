package io.creditcontrol.scoring.buyer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.creditcontrol.scoring.messaging.CloudEvent;
import io.creditcontrol.scoring.messaging.events.BuyerEvents;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.FinancialStatementReported;
import io.creditcontrol.scoring.messaging.events.BuyerEvents.RiskSignalReported;

/**
 * The buyer's credit file as far as credit.buyers.v1 tells it: who the buyer is, the warning
 * signals reported about it and its financial statements. Every method runs inside the inbox
 * transaction that records the event as applied. Signals and statements are accepted for a
 * buyer whose master data has not arrived (yet): risk-data providers and the ERP are different
 * publishers.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BuyerFile {

    private static final Logger LOG = Logger.getLogger(BuyerFile.class);

    private final BuyerLock lock;

    BuyerFile(BuyerLock lock) {
        this.lock = lock;
    }

    /** registered and updated both carry the full record; the later one (topic order) wins. */
    public void masterDataReceived(CloudEvent event, BuyerMasterData data) {
        lock.acquire(data.buyerId());
        BuyerProfile profile = BuyerProfile.findById(data.buyerId());
        if (profile == null) {
            profile = new BuyerProfile();
            profile.buyerId = data.buyerId();
        } else if (BuyerEvents.BUYER_REGISTERED.equals(event.type())) {
            LOG.infof("Buyer %s registered again (%s); the new record replaces the one held", data.buyerId(), event.id());
        }
        if (BuyerEvents.BUYER_REGISTERED.equals(event.type()) && profile.registeredAt == null) {
            profile.registeredAt = event.time();
        }
        profile.name = data.name();
        profile.country = data.country();
        profile.industry = data.industry();
        profile.parentId = data.parentId();
        profile.segment = data.segment();
        profile.registrationNumber = data.registrationNumber();
        profile.relationshipStartDate = data.relationshipStartDate();
        profile.updatedAt = event.time();
        profile.updatedBy = data.submittedBy();
        if (!profile.isPersistent()) {
            profile.persist();
        }
    }

    public void riskSignalReported(CloudEvent event, RiskSignalReported data) {
        lock.acquire(data.buyerId());
        RiskSignal signal = new RiskSignal();
        signal.buyerId = data.buyerId();
        signal.signal = data.signal().name();
        signal.observedOn = data.observedOn();
        signal.severity = data.severity() == null ? null : data.severity().name();
        signal.description = data.description();
        signal.source = data.source() != null ? data.source() : event.source();
        signal.eventId = event.id();
        signal.reportedAt = event.time();
        signal.submittedBy = data.submittedBy();
        signal.persist();
    }

    public void financialStatementReported(CloudEvent event, FinancialStatementReported data) {
        lock.acquire(data.buyerId());
        FinancialStatement statement = FinancialStatement.forPeriod(data.buyerId(), data.periodEnd()).orElse(null);
        if (statement == null) {
            statement = new FinancialStatement();
            statement.buyerId = data.buyerId();
            statement.periodEnd = data.periodEnd();
        } else {
            LOG.infof("Statement of buyer %s for period %s re-reported by %s; it replaces the one held",
                    data.buyerId(), data.periodEnd(), event.source());
        }
        statement.currency = data.currency();
        statement.totalAssets = data.totalAssets();
        statement.currentAssets = data.currentAssets();
        statement.currentLiabilities = data.currentLiabilities();
        statement.totalLiabilities = data.totalLiabilities();
        statement.retainedEarnings = data.retainedEarnings();
        statement.ebit = data.ebit();
        statement.revenue = data.revenue();
        statement.bookEquity = data.bookEquity();
        statement.source = event.source();
        statement.reportedAt = event.time();
        statement.submittedBy = data.submittedBy();
        if (!statement.isPersistent()) {
            statement.persist();
        }
    }
}
