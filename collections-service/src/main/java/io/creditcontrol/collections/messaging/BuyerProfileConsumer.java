package io.creditcontrol.collections.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.collections.ledger.BuyerProfile;
import io.creditcontrol.collections.messaging.events.BuyerEvents;
import io.creditcontrol.collections.messaging.events.BuyerEvents.BuyerMasterData;
import io.creditcontrol.collections.messaging.events.BuyerEvents.ScoreChanged;
import io.smallrye.common.annotation.Blocking;

/**
 * Keeps each buyer's segment (credit.buyers.v1) and grade (credit.scores.v1), which choose the
 * buyer's collection strategy. Failure policy: see {@link Inbox}; dead letters go to
 * credit.dlq.collections.v1.
 */
@ApplicationScoped
public class BuyerProfileConsumer {

    private static final Logger LOG = Logger.getLogger(BuyerProfileConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;

    BuyerProfileConsumer(Inbox inbox, EventData eventData) {
        this.inbox = inbox;
        this.eventData = eventData;
    }

    @Incoming("buyers")
    @Blocking
    public void onBuyerEvent(String record) {
        inbox.receive("buyers", record, event -> {
            if (BuyerEvents.BUYER_REGISTERED.equals(event.type()) || BuyerEvents.BUYER_UPDATED.equals(event.type())) {
                BuyerMasterData buyer = eventData.read(event, BuyerMasterData.class);
                BuyerProfile profile = BuyerProfile.findOrCreate(buyer.buyerId());
                profile.name = buyer.name();
                profile.segment = buyer.segment();
            } else {
                LOG.debugf("Ignoring event type %s on credit.buyers.v1", event.type());
            }
        });
    }

    @Incoming("scores")
    @Blocking
    public void onScoreEvent(String record) {
        inbox.receive("scores", record, event -> {
            if (BuyerEvents.SCORE_CHANGED.equals(event.type())) {
                ScoreChanged score = eventData.read(event, ScoreChanged.class);
                BuyerProfile.findOrCreate(score.buyerId()).grade = score.grade();
            } else {
                LOG.debugf("Ignoring event type %s on credit.scores.v1", event.type());
            }
        });
    }
}
