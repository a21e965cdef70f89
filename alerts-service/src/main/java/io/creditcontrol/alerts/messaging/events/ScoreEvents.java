package io.creditcontrol.alerts.messaging.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * This service's record of credit.score.changed on credit.scores.v1 (the grade-downgrade rule
 * reads it). The contract is docs/events/; EventContractTest checks the record against it.
 */
public final class ScoreEvents {

    public static final String SCORES_TOPIC = "credit.scores.v1";
    public static final String SCORE_CHANGED = "credit.score.changed";

    public static final Map<String, Class<?>> CONSUMED = Map.of(SCORE_CHANGED, ScoreChanged.class);

    private ScoreEvents() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoreChanged(
            @NotBlank @Pattern(regexp = ReceivablesEvents.IDENTIFIER) String buyerId,
            @NotNull @Min(1) @Max(10) Integer grade,
            @Min(1) @Max(10) Integer previousGrade,
            @NotNull @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal probabilityOfDefault,
            @NotBlank String modelVersion,
            @NotNull List<@Valid Reason> reasons,
            @NotNull Instant assessedAt,
            String dataQuality) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reason(
            @NotBlank String code,
            @NotBlank String description,
            @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal impact) {
    }
}
