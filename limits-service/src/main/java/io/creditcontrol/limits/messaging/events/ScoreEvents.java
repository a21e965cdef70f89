package io.creditcontrol.limits.messaging.events;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

/** This service's record of scoring's grade changes on credit.scores.v1: the limit follows the grade. */
public final class ScoreEvents {

    public static final String SCORES_TOPIC = "credit.scores.v1";
    public static final String SCORE_CHANGED = "credit.score.changed";

    private ScoreEvents() {
    }

    /** The fields limits uses; probability of default, reasons and data quality are scoring's detail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoreChanged(
            @NotBlank @Size(max = ReceivablesEvents.ID_LENGTH) String buyerId,
            @NotNull @Min(1) @Max(10) Integer grade,
            @Min(1) @Max(10) Integer previousGrade,
            @NotNull Instant assessedAt) {
    }
}
