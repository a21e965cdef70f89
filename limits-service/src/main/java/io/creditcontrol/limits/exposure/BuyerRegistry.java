package io.creditcontrol.limits.exposure;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.creditcontrol.limits.messaging.MalformedEventException;
import io.creditcontrol.limits.messaging.events.BuyerEvents.BuyerMasterData;

/**
 * Keeps each buyer's name and group parent from the master data. Registered and updated both
 * carry the full record, and one buyer's events arrive in order, so the latest simply
 * replaces what was known (a parent no longer named means the buyer left its group).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class BuyerRegistry {

    private final Clock clock;

    BuyerRegistry(Clock clock) {
        this.clock = clock;
    }

    public void masterDataChanged(BuyerMasterData data) {
        if (data.buyerId().equals(data.parentId())) {
            throw new MalformedEventException("buyer " + data.buyerId() + " names itself as its group parent");
        }
        Buyer buyer = Buyer.lock(data.buyerId());
        buyer.name = data.name();
        buyer.parentId = data.parentId();
        buyer.masterDataUpdatedAt = clock.instant();
    }
}
