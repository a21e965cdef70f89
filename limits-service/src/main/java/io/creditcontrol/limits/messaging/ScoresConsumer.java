package io.creditcontrol.limits.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.limits.credit.LimitService;
import io.creditcontrol.limits.messaging.events.ScoreEvents;
import io.creditcontrol.limits.messaging.events.ScoreEvents.ScoreChanged;
import io.smallrye.common.annotation.Blocking;

/**
 * Follows scoring's grades from credit.scores.v1: each new grade lets the policy propose, cut or
 * raise the buyer's limit ({@link LimitService#gradeChanged}). Failure policy: see {@link Inbox};
 * dead-letter topic credit.dlq.limits.v1.
 */
@ApplicationScoped
public class ScoresConsumer {

    private static final Logger LOG = Logger.getLogger(ScoresConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final LimitService limits;

    ScoresConsumer(Inbox inbox, EventData eventData, LimitService limits) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.limits = limits;
    }

    @Incoming("scores")
    @Blocking
    public void onScoreEvent(String record) {
        inbox.receive("scores", record, event -> {
            if (ScoreEvents.SCORE_CHANGED.equals(event.type())) {
                ScoreChanged score = eventData.read(event, ScoreChanged.class);
                limits.gradeChanged(score.buyerId(), score.grade(), score.previousGrade(), score.assessedAt());
            } else {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ScoreEvents.SCORES_TOPIC);
            }
        });
    }
}
