package io.creditcontrol.scoring.messaging.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What this service announces on credit.scores.v1. The contract is docs/events/;
 * EventContractTest checks this record against it.
 */
public final class ScoreEvents {

    public static final String SCORES_TOPIC = "credit.scores.v1";
    public static final String SCORE_CHANGED = "credit.score.changed";
    public static final String SOURCE = "/scoring-service";

    private ScoreEvents() {
    }

    /** previousGrade is omitted on the first assessment; impact and PD travel as decimal strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoreChanged(
            String buyerId,
            int grade,
            Integer previousGrade,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal probabilityOfDefault,
            String modelVersion,
            List<Reason> reasons,
            Instant assessedAt,
            String dataQuality) {
    }

    public record Reason(String code, String description, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal impact) {
    }
}
