package io.creditcontrol.scoring.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.creditcontrol.scoring.score.ScoreModel;

/**
 * The ledger backtest end to end on a small simulator ledger, committed under
 * src/test/resources/backtest/ledger-60 (made with
 * {@code deploy/simulator/simulate generate --out DIR --buyers 60 --months 18 --seed 42}, ledger.ndjson gzipped):
 * 60 buyers, 6 of them deteriorating into default. The model must rank them above the prompt payers.
 */
class LedgerBacktestTest {

    static LedgerBacktest.Result result;

    @BeforeAll
    static void replay() throws Exception {
        result = new LedgerBacktest(new ScoreModel(BacktestCommand.shippedConfig()), new LedgerBacktest.Options(List.of(90), 6, 3, 8))
                .run(fixture());
    }

    static Path fixture() throws URISyntaxException {
        return Path.of(LedgerBacktestTest.class.getResource("/backtest/ledger-60/ground-truth.json").toURI()).getParent();
    }

    @Test
    void everyBuyerIsReplayedAndScoredAtEveryMonthEndOfThePanel() {
        assertEquals(60, result.buyers());
        assertNotNull(result.panel());
        // month-ends from 3 months in until 6 months before the end (2026-07-01, exclusive): 2025-04-30 .. 2025-12-31
        assertEquals(9, result.panelDates().size());
        assertEquals("2025-04-30", result.panelDates().get(0).toString());
        assertEquals("2025-12-31", result.panelDates().get(8).toString());
        // every buyer not in default yet, at each month-end (one defaulted on 2025-12-27)
        assertEquals(60 * 9 - 1, result.panel().buyers());
        assertEquals(0, result.skippedDocuments());
    }

    @Test
    void deterioratingBuyersGetHigherProbabilitiesOfDefaultThanPromptPayers() {
        double deteriorating = meanPd("DETERIORATING");
        double prompt = meanPd("PROMPT");
        assertTrue(deteriorating > 3 * prompt, "mean PD deteriorating " + deteriorating + " vs prompt " + prompt);

        LedgerBacktest.OffsetResult before = result.offsets().get(0);
        assertEquals(90, before.offsetDays());
        assertEquals(6, before.defaulters());
        assertTrue(before.meanPdDefaulters() > 2 * before.meanPdSurvivors(),
                "90 days before default: " + before.meanPdDefaulters() + " vs " + before.meanPdSurvivors());
        assertTrue(before.auc() > 0.8, "AUC 90 days before default " + before.auc());
    }

    @Test
    void thePanelDiscriminatesAndEveryDefaulterIsAtTheBadGradeBeforeItsDefault() {
        assertTrue(result.panel().auc() > 0.75, "panel AUC " + result.panel().auc());
        assertTrue(result.panel().ks() > 0.3, "panel KS " + result.panel().ks());
        LedgerBacktest.LeadTime lead = result.leadTime();
        assertEquals(6, lead.defaulters());
        assertEquals(6, lead.atBadGradeBeforeDefault() + lead.notAtBadGrade());
        assertTrue(lead.atBadGradeBeforeDefault() >= 5, "at grade 8+ the day before default: " + lead.atBadGradeBeforeDefault());
        assertTrue(lead.medianDaysBefore() >= 30, "median lead time " + lead.medianDaysBefore());
    }

    @Test
    void recordsAfterAnObservationDayDoNotChangeItsScores(@TempDir Path dir) throws Exception {
        // the panel's last month-end is 2025-12-31: cut the ledger after it, keep the same ground truth
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(fixture().resolve("ledger.ndjson.gz"))), StandardCharsets.UTF_8));
                BufferedWriter out = Files.newBufferedWriter(dir.resolve("ledger.ndjson"))) {
            String line;
            int kept = 0;
            while ((line = in.readLine()) != null) {
                if (line.substring(7, 17).compareTo("2026-01-01") < 0) { // {"at":"YYYY-MM-DD...
                    out.write(line);
                    out.newLine();
                    kept++;
                }
            }
            assertTrue(kept > 1000 && kept < 5518, "records kept " + kept);
        }
        Files.copy(fixture().resolve("ground-truth.json"), dir.resolve("ground-truth.json"));
        LedgerBacktest.Result cut = new LedgerBacktest(new ScoreModel(BacktestCommand.shippedConfig()),
                new LedgerBacktest.Options(List.of(90), 6, 3, 8)).run(dir);
        assertEquals(result.panelDates(), cut.panelDates());
        assertEquals(result.panel(), cut.panel()); // same AUC, KS and calibration row by row
    }

    private static double meanPd(String profile) {
        double[] p = result.meanPdByProfile().get(profile);
        assertNotNull(p, profile);
        return p[1] / p[0];
    }
}
