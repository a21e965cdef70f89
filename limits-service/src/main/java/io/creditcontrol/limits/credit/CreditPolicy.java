package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One version of the credit policy. The highest version is in force for new decisions; a change
 * is a new version (who, when, why), never an edit, so every stored decision can be explained by
 * the version it names.
 */
@Entity
@Table(name = "credit_policy")
public class CreditPolicy extends PanacheEntityBase {

    @Id
    public int version;
    public String currency;
    @Column(name = "worst_grade_for_credit")
    public int worstGradeForCredit;
    @Column(name = "max_order_value")
    public BigDecimal maxOrderValue;
    @Column(name = "refer_overdue_days")
    public int referOverdueDays;
    @Column(name = "block_overdue_days")
    public int blockOverdueDays;
    @Column(name = "review_interval_days")
    public int reviewIntervalDays;
    @Column(name = "reservation_hours")
    public int reservationHours;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    public String reason;
    /** Cap on the grade's maximum for a buyer without a usable financial statement; null = the absolute bound alone. */
    @Column(name = "max_limit_without_financials")
    public BigDecimal maxLimitWithoutFinancials;
    /** A statement whose period ended more than this many months ago counts as missing. */
    @Column(name = "statement_max_age_months")
    public int statementMaxAgeMonths;

    public static CreditPolicy current() {
        return find("order by version desc").firstResult();
    }

    public List<PolicyGrade> grades() {
        return PolicyGrade.list("policyVersion = ?1 order by grade", version);
    }

    public PolicyGrade grade(int grade) {
        return PolicyGrade.find("policyVersion = ?1 and grade = ?2", version, grade).firstResult();
    }
}
