package io.creditcontrol.simulator;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What really happens to each buyer: its payment profile and, for deteriorating buyers, when the
 * deterioration starts, when it stops paying (default) and when it files for insolvency. Kept apart
 * from the ledger so that a test can judge the suite against it.
 */
public record GroundTruth(long seed, LocalDate start, LocalDate end, int buyers, List<BuyerTruth> truths) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record BuyerTruth(String buyerId, PaymentProfile profile, LocalDate deteriorationStart, LocalDate defaultDate,
            LocalDate insolvencyDate) {

        public boolean defaults() {
            return defaultDate != null;
        }
    }
}
