package io.creditcontrol.scoring.score;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The buyer's current credit score, as the latest re-score left it. */
@Entity
@Table(name = "buyer_score")
public class BuyerScore extends PanacheEntityBase {

    @Id
    @Column(name = "buyer_id")
    public String buyerId;
    public int grade;
    @Column(name = "probability_of_default")
    public BigDecimal probabilityOfDefault;
    @Enumerated(EnumType.STRING)
    @Column(name = "data_quality")
    public DataQuality dataQuality;
    @Column(name = "model_version")
    public String modelVersion;
    /** When this grade and probability were reached. */
    @Column(name = "assessed_at")
    public Instant assessedAt;
    /** The latest re-score, whether it changed anything or not. */
    @Column(name = "reviewed_at")
    public Instant reviewedAt;
    @Column(name = "reviewed_because")
    public String reviewedBecause;
    /** Factors, reasons and payment figures of the latest re-score, as JSON ({@link StoredAssessment}). */
    public String assessment;
}
