package io.creditcontrol.scoring.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.creditcontrol.scoring.config.ScoringConfig;
import io.creditcontrol.scoring.score.ScoreInputs.InvoiceFact;
import io.creditcontrol.scoring.score.ScoreInputs.SignalFact;
import io.creditcontrol.scoring.score.ScoreInputs.StatementFact;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The scoring model without Quarkus, Kafka or a database, with the shipped parameters (application.properties). */
class ScoreModelTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-23");
    static final ScoringConfig CONFIG = shippedConfig();
    static final ScoreModel MODEL = new ScoreModel(CONFIG);

    static ScoringConfig shippedConfig() {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder()
                    .withSources(new PropertiesConfigSource(ScoreModelTest.class.getResource("/application.properties"), 100))
                    .withMapping(ScoringConfig.class)
                    .build();
            return config.getConfigMapping(ScoringConfig.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A statement in the safe zone (Z'' 4.84). */
    static StatementFact healthyStatement() {
        return new StatementFact(LocalDate.parse("2025-12-31"), "EUR", new BigDecimal("1000000"), new BigDecimal("500000"),
                new BigDecimal("250000"), new BigDecimal("400000"), new BigDecimal("250000"), new BigDecimal("120000"),
                new BigDecimal("2000000"), new BigDecimal("600000"));
    }

    /** An invoice of 1000 EUR due {@code dueDaysAgo} days ago and settled {@code late} days after its due date. */
    static InvoiceFact settled(String number, int dueDaysAgo, int late) {
        LocalDate due = TODAY.minusDays(dueDaysAgo);
        return new InvoiceFact(number, "EUR", new BigDecimal("1000"), due.minusDays(30), due, due.plusDays(late),
                BigDecimal.ZERO, BigDecimal.ZERO, false);
    }

    static List<InvoiceFact> promptPayer() {
        List<InvoiceFact> invoices = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            invoices.add(settled("OLD-" + i, 120 + 20 * i, 2));
        }
        return invoices;
    }

    static ScoreInputs inputs(List<InvoiceFact> invoices, StatementFact statement, List<SignalFact> signals) {
        return new ScoreInputs(invoices, statement, signals, LocalDate.parse("2021-01-01"));
    }

    @Test
    void aPayerDriftingFromTwoToEighteenDaysLateIsDowngradedWithTheTrendAsAReason() {
        Assessment before = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of()), TODAY);
        List<InvoiceFact> drifting = new ArrayList<>(promptPayer());
        drifting.add(settled("NEW-1", 60, 18));
        drifting.add(settled("NEW-2", 40, 18));
        drifting.add(settled("NEW-3", 30, 18));
        // re-scored as the service does, holding on to the grade it had (the stability rule)
        Assessment after = MODEL.assess(inputs(drifting, healthyStatement(), List.of()), TODAY,
                new ScoreModel.CurrentGrade(before.grade(), before.dataQuality()));

        assertEquals(DataQuality.FULL, after.dataQuality());
        assertTrue(after.grade() > before.grade(), "grade " + before.grade() + " -> " + after.grade());
        assertTrue(after.probabilityOfDefault().compareTo(before.probabilityOfDefault()) > 0);
        Factor trend = after.reasons().stream().filter(r -> r.code().equals("DBT_INCREASING")).findFirst().orElseThrow();
        assertEquals("pays 18 days beyond terms (last 3 months), up from 2 days in the 9 months before", trend.description());
        assertTrue(trend.impact() < 0, "a deterioration lowers credit quality");
    }

    @Test
    void aParentGradedWorseWeighsOnTheBuyerWithAReasonAndABetterParentDoesNot() {
        Assessment alone = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of()), TODAY);
        ScoreInputs withWeakParent = new ScoreInputs(promptPayer(), healthyStatement(), List.of(), LocalDate.parse("2021-01-01"),
                List.of(), new ScoreInputs.ParentFact("B-PARENT", 9));
        Assessment inWeakGroup = MODEL.assess(withWeakParent, TODAY);

        int gap = 9 - alone.grade();
        assertTrue(gap > 0, "the buyer alone is graded " + alone.grade());
        Factor group = inWeakGroup.factors().stream().filter(f -> f.code().equals("PARENT_WEAKER")).findFirst().orElseThrow();
        double expected = Math.min(CONFIG.group().weightPerGrade() * gap, CONFIG.group().maxEffect());
        assertEquals(-expected, group.impact(), 0.005);
        assertEquals("parent company B-PARENT is graded 9, " + gap + " grade(s) worse than the buyer's own grade " + alone.grade(),
                group.description());
        assertTrue(inWeakGroup.probabilityOfDefault().compareTo(alone.probabilityOfDefault()) > 0);
        assertTrue(inWeakGroup.grade() > alone.grade(), "grade " + alone.grade() + " -> " + inWeakGroup.grade());
        assertTrue(inWeakGroup.grade() < 9, "pulled towards the parent, not down to it");

        Assessment inStrongGroup = MODEL.assess(new ScoreInputs(promptPayer(), healthyStatement(), List.of(), LocalDate.parse("2021-01-01"),
                List.of(), new ScoreInputs.ParentFact("B-PARENT", 1)), TODAY);
        assertTrue(inStrongGroup.factors().stream().noneMatch(f -> f.code().equals("PARENT_WEAKER")));
        assertEquals(alone.probabilityOfDefault(), inStrongGroup.probabilityOfDefault());
    }

    @Test
    void paydexFollowsThePublishedScale() {
        assertEquals(80, PaymentBehaviour.paydex(0));
        assertEquals(70, PaymentBehaviour.paydex(15));
        assertEquals(60, PaymentBehaviour.paydex(22));
        assertEquals(50, PaymentBehaviour.paydex(30));
        assertEquals(40, PaymentBehaviour.paydex(60));
        assertEquals(30, PaymentBehaviour.paydex(90));
        assertEquals(20, PaymentBehaviour.paydex(120));
        assertEquals(1, PaymentBehaviour.paydex(400));
    }

    @Test
    void daysBeyondTermsAreWeightedByAmountWithinACurrency() {
        LocalDate due = TODAY.minusDays(50);
        List<InvoiceFact> invoices = List.of(
                new InvoiceFact("A", "EUR", new BigDecimal("1000"), due.minusDays(30), due, due.plusDays(10), BigDecimal.ZERO, BigDecimal.ZERO, false),
                new InvoiceFact("B", "EUR", new BigDecimal("2000"), due.minusDays(30), due, due.minusDays(3), BigDecimal.ZERO, BigDecimal.ZERO, false),
                new InvoiceFact("C", "EUR", new BigDecimal("800"), due.minusDays(30), due, due.plusDays(19), BigDecimal.ZERO, BigDecimal.ZERO, true));
        PaymentBehaviour pay = PaymentBehaviour.of(invoices, TODAY, 90, 365);
        assertEquals(6.6, pay.daysBeyondTerms()); // (1000*10 + 2000*0 + 800*19) / 3800, as on the payment-experience view
        assertEquals(2, pay.settledLate());
        assertEquals(1, pay.disputedInvoices());
    }

    @Test
    void altmanZDoublePrimeOfAHealthyAndOfADistressedCompany() {
        // 6.56*0.25 + 3.26*0.25 + 6.72*0.12 + 1.05*1.5
        assertEquals(4.84, AltmanZ.of(healthyStatement()));
        StatementFact distressed = new StatementFact(LocalDate.parse("2025-12-31"), "EUR", new BigDecimal("1000000"),
                new BigDecimal("200000"), new BigDecimal("400000"), new BigDecimal("950000"), new BigDecimal("-300000"),
                new BigDecimal("-50000"), new BigDecimal("900000"), new BigDecimal("50000"));
        assertTrue(AltmanZ.of(distressed) < AltmanZ.DISTRESS, "Z'' " + AltmanZ.of(distressed));
        assertEquals("distress zone", AltmanZ.zone(AltmanZ.of(distressed)));
    }

    @Test
    void anInsolvencyFilingForcesGradeTenAndNeverFades() {
        SignalFact filing = new SignalFact("INSOLVENCY_FILING", LocalDate.parse("2021-03-01"), "HIGH", "opened at Amtsgericht Essen");
        Assessment assessment = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of(filing)), TODAY);
        assertEquals(10, assessment.grade());
        assertEquals(0, assessment.probabilityOfDefault().compareTo(BigDecimal.ONE));
        assertEquals("INSOLVENCY_FILING", assessment.reasons().get(0).code());
    }

    @Test
    void aWarningSignalWeighsFullyWhenFreshHalvesWithItsHalfLifeAndExpires() {
        SignalFact fresh = new SignalFact("NEGATIVE_NEWS", TODAY, "MEDIUM", null);
        SignalFact halfLife = new SignalFact("NEGATIVE_NEWS", TODAY.minusDays(60), "MEDIUM", null);
        SignalFact expired = new SignalFact("NEGATIVE_NEWS", TODAY.minusDays(181), "MEDIUM", null);
        assertEquals(0.4, MODEL.signalEffect(fresh, TODAY), 1e-9);
        assertEquals(0.2, MODEL.signalEffect(halfLife, TODAY), 1e-9);
        assertEquals(0.0, MODEL.signalEffect(expired, TODAY), 1e-9);
        assertEquals(0.6, MODEL.signalEffect(new SignalFact("NEGATIVE_NEWS", TODAY, "HIGH", null), TODAY), 1e-9);

        Assessment clean = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of()), TODAY);
        Assessment withNews = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of(fresh)), TODAY);
        Assessment withOldNews = MODEL.assess(inputs(promptPayer(), healthyStatement(), List.of(expired)), TODAY);
        assertTrue(withNews.probabilityOfDefault().compareTo(clean.probabilityOfDefault()) > 0);
        assertEquals(clean.probabilityOfDefault(), withOldNews.probabilityOfDefault());
    }

    @Test
    void aNewBuyerWithoutPaymentsOrFinancialsGetsACautiousLabelledGrade() {
        Assessment assessment = MODEL.assess(new ScoreInputs(List.of(), null, List.of(), null), TODAY);
        assertEquals(DataQuality.INSUFFICIENT, assessment.dataQuality());
        assertTrue(assessment.grade() >= CONFIG.insufficientDataBestGrade(), "grade " + assessment.grade());
        assertEquals(2, assessment.probabilityOfDefault().scale(), "no false precision");
        List<String> codes = assessment.reasons().stream().map(Factor::code).toList();
        assertTrue(codes.contains("NO_PAYMENT_HISTORY") && codes.contains("NO_FINANCIAL_STATEMENT"), codes.toString());
        assertNull(assessment.altmanZ());
    }

    @Test
    void aBuyerWithAStatementButNoPaymentRecordIsPartialAndCappedAtTheBestPartialGrade() {
        Assessment assessment = MODEL.assess(new ScoreInputs(List.of(), healthyStatement(), List.of(), LocalDate.parse("2020-01-01")), TODAY);
        assertEquals(DataQuality.PARTIAL, assessment.dataQuality());
        assertTrue(assessment.grade() >= CONFIG.partialDataBestGrade());
        assertNotNull(assessment.altmanZ());
    }

    @Test
    void aStatementOlderThanTheMaximumAgeIsNotUsed() {
        StatementFact s = healthyStatement();
        StatementFact old = new StatementFact(LocalDate.parse("2023-12-31"), s.currency(), s.totalAssets(), s.currentAssets(),
                s.currentLiabilities(), s.totalLiabilities(), s.retainedEarnings(), s.ebit(), s.revenue(), s.bookEquity());
        Assessment assessment = MODEL.assess(inputs(promptPayer(), old, List.of()), TODAY);
        assertEquals(DataQuality.PARTIAL, assessment.dataQuality());
        assertTrue(assessment.factors().stream().anyMatch(f -> f.code().equals("NO_FINANCIAL_STATEMENT")));
    }

    @Test
    void brokenPromisesToPayOfTheLastYearCountAgainstTheBuyer() {
        Assessment kept = MODEL.assess(new ScoreInputs(promptPayer(), healthyStatement(), List.of(), LocalDate.parse("2021-01-01"),
                List.of(TODAY.minusDays(400))), TODAY);
        Assessment broken = MODEL.assess(new ScoreInputs(promptPayer(), healthyStatement(), List.of(), LocalDate.parse("2021-01-01"),
                List.of(TODAY.minusDays(400), TODAY.minusDays(40), TODAY.minusDays(10))), TODAY);
        assertTrue(kept.factors().stream().noneMatch(f -> f.code().equals("BROKEN_PROMISES")), "a promise broken over a year ago is history");
        Factor factor = broken.factors().stream().filter(f -> f.code().equals("BROKEN_PROMISES")).findFirst().orElseThrow();
        assertEquals("broke 2 promise(s) to pay in the last 12 months", factor.description());
        assertEquals(-0.8, factor.impact(), 1e-9);
        assertTrue(broken.probabilityOfDefault().compareTo(kept.probabilityOfDefault()) > 0);
    }

    @Test
    void gradesFollowTheConfiguredBoundaries() {
        assertEquals(1, MODEL.gradeOf(0.0005));
        assertEquals(2, MODEL.gradeOf(0.001));
        assertEquals(5, MODEL.gradeOf(0.015));
        assertEquals(8, MODEL.gradeOf(0.1));
        assertEquals(9, MODEL.gradeOf(0.5));
    }

    // --- stability rule (hysteresis) ---------------------------------------------------------------

    /** A prompt payer whose statement's EBIT is chosen so that the model's log-odds of default are {@code logOdds} (within 0.01). */
    static ScoreInputs promptPayerAt(double logOdds) {
        double low = -900000;
        double high = 300000; // the log-odds fall as EBIT rises
        for (int i = 0; i < 60; i++) {
            double mid = (low + high) / 2;
            if (logOdds(MODEL.assess(promptPayerWithEbit(mid), TODAY)) > logOdds) {
                low = mid;
            } else {
                high = mid;
            }
        }
        ScoreInputs inputs = promptPayerWithEbit(low);
        assertEquals(logOdds, logOdds(MODEL.assess(inputs, TODAY)), 0.01, "no statement puts the prompt payer at these log-odds");
        return inputs;
    }

    static ScoreInputs promptPayerWithEbit(double ebit) {
        StatementFact s = healthyStatement();
        return inputs(promptPayer(), new StatementFact(s.periodEnd(), s.currency(), s.totalAssets(), s.currentAssets(), s.currentLiabilities(),
                s.totalLiabilities(), s.retainedEarnings(), BigDecimal.valueOf(Math.round(ebit)), s.revenue(), s.bookEquity()), List.of());
    }

    static double logOdds(Assessment a) {
        double pd = a.probabilityOfDefault().doubleValue();
        return Math.log(pd / (1 - pd));
    }

    /** Log-odds of the boundary between {@code grade} and the next worse grade. */
    static double boundaryAbove(int grade) {
        double pd = CONFIG.gradeUpperBounds().get(grade - 1);
        return Math.log(pd / (1 - pd));
    }

    static ScoreModel.CurrentGrade graded(int grade) {
        return new ScoreModel.CurrentGrade(grade, DataQuality.FULL);
    }

    @Test
    void aPdWobblingJustAroundTheBoundaryKeepsTheGradeWithTheSameReasons() {
        double margin = CONFIG.stability().margin();
        assertTrue(margin > 0.1, "the shipped margin " + margin);
        ScoreInputs justWorse = promptPayerAt(boundaryAbove(4) + margin / 2);
        ScoreInputs justBetter = promptPayerAt(boundaryAbove(4) - margin / 2);
        // the PD alone would flip the buyer 4 -> 5 -> 4
        assertEquals(5, MODEL.assess(justWorse, TODAY).grade());
        assertEquals(4, MODEL.assess(justBetter, TODAY).grade());

        Assessment held = MODEL.assess(justWorse, TODAY, graded(4));
        assertEquals(4, held.grade());
        assertEquals(4, MODEL.assess(justBetter, TODAY, graded(4)).grade());
        assertEquals(5, MODEL.assess(justBetter, TODAY, graded(5)).grade(), "an upgrade is held the same way");

        Assessment unheld = MODEL.assess(justWorse, TODAY);
        assertEquals(unheld.probabilityOfDefault(), held.probabilityOfDefault(), "the PD is the model's");
        assertEquals(unheld.factors(), held.factors());
        assertEquals(unheld.reasons(), held.reasons());
    }

    @Test
    void aPdBeyondTheBoundaryByTheMarginMovesTheGradeEitherWay() {
        double margin = CONFIG.stability().margin();
        assertEquals(5, MODEL.assess(promptPayerAt(boundaryAbove(4) + margin + 0.02), TODAY, graded(4)).grade());
        assertEquals(4, MODEL.assess(promptPayerAt(boundaryAbove(4) - margin - 0.02), TODAY, graded(5)).grade());
        assertEquals(6, MODEL.assess(promptPayerAt(boundaryAbove(5) + margin + 0.02), TODAY, graded(5)).grade());
    }

    @Test
    void aMoveOfTwoGradesOrIntoTheBadGradesAppliesAtOnce() {
        ScoreInputs justIntoSix = promptPayerAt(boundaryAbove(5) + 0.05);
        assertEquals(6, MODEL.assess(justIntoSix, TODAY, graded(4)).grade(), "two grades down");
        assertEquals(4, MODEL.assess(promptPayerAt(boundaryAbove(4) - 0.05), TODAY, graded(6)).grade(), "two grades up");

        ScoreInputs justIntoEight = promptPayerAt(boundaryAbove(7) + 0.05);
        assertEquals(CONFIG.stability().badGrade(), 8);
        assertEquals(8, MODEL.assess(justIntoEight, TODAY, graded(7)).grade(), "into the bad grades");
        assertEquals(8, MODEL.assess(promptPayerAt(boundaryAbove(7) - 0.05), TODAY, graded(8)).grade(),
                "out of them only by the margin");
    }

    @Test
    void aFirstGradeAndAChangeOfDataQualityFollowThePdAtOnce() {
        ScoreInputs justWorse = promptPayerAt(boundaryAbove(4) + 0.05);
        assertEquals(5, MODEL.assess(justWorse, TODAY).grade());
        assertEquals(5, MODEL.assess(justWorse, TODAY, new ScoreModel.CurrentGrade(4, DataQuality.PARTIAL)).grade());
    }

    @Test
    void anInsolvencyFilingForcesGradeTenWhateverTheCurrentGrade() {
        ScoreInputs justWorse = promptPayerAt(boundaryAbove(4) + 0.05);
        SignalFact filing = new SignalFact("INSOLVENCY_FILING", TODAY.minusDays(1), "HIGH", null);
        ScoreInputs insolvent = new ScoreInputs(justWorse.invoices(), justWorse.latestStatement(), List.of(filing), justWorse.relationshipStart());
        assertEquals(10, MODEL.assess(insolvent, TODAY, graded(4)).grade());
        assertEquals(10, MODEL.assess(insolvent, TODAY, graded(9)).grade());
    }

    @Test
    void theSameInputsGiveTheSameAssessment() {
        ScoreInputs inputs = inputs(promptPayer(), healthyStatement(), List.of(new SignalFact("LEGAL_DISPUTE", TODAY.minusDays(10), null, "claim")));
        assertEquals(MODEL.assess(inputs, TODAY), MODEL.assess(inputs, TODAY));
    }
}
