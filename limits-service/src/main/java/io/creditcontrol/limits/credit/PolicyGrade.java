package io.creditcontrol.limits.credit;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What one version of the policy allows a grade: its bounds on the limit (an absolute maximum, a
 * share of the buyer's revenue, a share of its book equity; each optional, the lowest that applies
 * wins: {@link GradeMaximum}), payment terms and required security.
 */
@Entity
@Table(name = "credit_policy_grade")
@IdClass(PolicyGrade.Key.class)
public class PolicyGrade extends PanacheEntityBase {

    public enum Security { NONE, PREPAYMENT, LETTER_OF_CREDIT, GUARANTEE }

    @Id
    @Column(name = "policy_version")
    public int policyVersion;
    @Id
    public int grade;
    /** Absolute maximum in the policy currency; null = no absolute bound. */
    @Column(name = "max_limit")
    public BigDecimal maxLimit;
    /** Maximum as a share of the buyer's latest revenue (0.05 = 5 %); null = no revenue bound. */
    @Column(name = "max_share_of_revenue")
    public BigDecimal maxShareOfRevenue;
    /** Maximum as a share of the buyer's latest book equity; null = no equity bound. */
    @Column(name = "max_share_of_equity")
    public BigDecimal maxShareOfEquity;
    @Column(name = "payment_terms_days")
    public int paymentTermsDays;
    @Enumerated(EnumType.STRING)
    @Column(name = "required_security")
    public Security requiredSecurity;

    public static class Key implements Serializable {
        public int policyVersion;
        public int grade;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.policyVersion == policyVersion && k.grade == grade;
        }

        @Override
        public int hashCode() {
            return Objects.hash(policyVersion, grade);
        }
    }
}
