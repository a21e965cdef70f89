package io.creditcontrol.scoring.score;

import java.util.List;

/** The explanatory part of an assessment, stored as JSON with the score and each history entry. */
public record StoredAssessment(List<Factor> factors, List<Factor> reasons, PaymentBehaviour paymentBehaviour, Double altmanZ) {

    static StoredAssessment of(Assessment a) {
        return new StoredAssessment(a.factors(), a.reasons(), a.paymentBehaviour(), a.altmanZ());
    }
}
