package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.util.List;

/**
 * The model's answer for one buyer: grade 1 (best) to 10 (default), the 12-month probability of
 * default, how much data it rests on, every factor's contribution and the top reasons (the
 * factors that moved the score most, most important first).
 */
public record Assessment(int grade, BigDecimal probabilityOfDefault, DataQuality dataQuality, String modelVersion,
        List<Factor> factors, List<Factor> reasons, PaymentBehaviour paymentBehaviour, Double altmanZ) {

    /** Whether this assessment says something different from {@code other} (grade, PD or data quality). */
    public boolean differsFrom(int otherGrade, BigDecimal otherPd, DataQuality otherQuality) {
        return grade != otherGrade || probabilityOfDefault.compareTo(otherPd) != 0 || dataQuality != otherQuality;
    }
}
