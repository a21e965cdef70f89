package io.creditcontrol.scoring.score;

/**
 * One factor's share in the score.
 *
 * @param code        stable machine-readable code, e.g. DBT_INCREASING
 * @param description what the factor says about the buyer, in plain words
 * @param impact      effect on the buyer's credit quality in log-odds: negative makes the buyer
 *                    riskier (raises the probability of default), positive makes it safer
 */
public record Factor(String code, String description, double impact) {
}
