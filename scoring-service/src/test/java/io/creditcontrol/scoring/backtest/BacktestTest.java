package io.creditcontrol.scoring.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.creditcontrol.scoring.score.ScoreModel;

/** The backtest's statistics on hand-checked cases, and the command end to end on a small synthetic portfolio. */
class BacktestTest {

    static List<double[]> scored(double[][] rows) {
        List<double[]> list = new ArrayList<>();
        for (double[] r : rows) {
            list.add(r.clone());
        }
        return list;
    }

    @Test
    void aModelThatRanksEveryDefaulterAboveEverySurvivorHasAucOneAndKsOne() {
        Backtest.Report r = Backtest.report(scored(new double[][] {{0.01, 0, 3}, {0.02, 0, 4}, {0.30, 1, 9}, {0.50, 1, 9}}));
        assertEquals(1.0, r.auc(), 1e-9);
        assertEquals(1.0, r.gini(), 1e-9);
        assertEquals(1.0, r.ks(), 1e-9);
        assertEquals(3, r.calibration().size()); // grades 3, 4 and 9
        assertEquals(1.0, r.calibration().get(2).observedRate(), 1e-9);
        assertEquals(0.40, r.calibration().get(2).meanPredictedPd(), 1e-9);
    }

    @Test
    void tiesAndMixedRankingsCountHalf() {
        // defaulter tied with one survivor and above another: AUC = (0.5 + 1) / 2
        Backtest.Report r = Backtest.report(scored(new double[][] {{0.01, 0, 3}, {0.05, 0, 6}, {0.05, 1, 6}}));
        assertEquals(0.75, r.auc(), 1e-9);
        assertEquals(0.5, r.ks(), 1e-9);
    }

    @Test
    void theCommandBacktestsASyntheticPortfolioWrittenToCsv(@TempDir Path dir) throws Exception {
        BacktestCommand.Synthetic.write(dir, 2000, 7, BacktestCommand.SYNTHETIC_AS_OF);
        assertTrue(Files.size(dir.resolve("ledger.csv")) > 0);
        Backtest.Report r = Backtest.run(new ScoreModel(BacktestCommand.shippedConfig()),
                BacktestCommand.read(dir, BacktestCommand.SYNTHETIC_AS_OF), BacktestCommand.defaults(dir), BacktestCommand.SYNTHETIC_AS_OF);
        assertEquals(2000, r.buyers());
        assertTrue(r.defaults() > 0);
        assertTrue(r.auc() > 0.6, "the model ranks defaulters above survivors: AUC " + r.auc());
    }
}
