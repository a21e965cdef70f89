package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One change of a buyer's score (grade, probability of default or data quality), kept for ever:
 * what it became, when, what triggered the re-score, which model version decided and why (the
 * reasons). This is what the grade is defended from in front of an auditor.
 */
@Entity
@Table(name = "score_history")
public class ScoreHistoryEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "buyer_id")
    public String buyerId;
    public int grade;
    @Column(name = "previous_grade")
    public Integer previousGrade;
    @Column(name = "probability_of_default")
    public BigDecimal probabilityOfDefault;
    @Enumerated(EnumType.STRING)
    @Column(name = "data_quality")
    public DataQuality dataQuality;
    @Column(name = "model_version")
    public String modelVersion;
    @Column(name = "assessed_at")
    public Instant assessedAt;
    @Column(name = "triggered_by")
    public String triggeredBy;
    public String assessment;

    /** The buyer's score changes, latest first. */
    public static List<ScoreHistoryEntry> ofBuyer(String buyerId) {
        return list("buyerId = ?1 order by id desc", buyerId);
    }

    /** One page of the buyer's history, latest first. */
    public static List<ScoreHistoryEntry> ofBuyer(String buyerId, int page, int size) {
        return find("buyerId = ?1 order by id desc", buyerId).page(page, size).list();
    }
}
