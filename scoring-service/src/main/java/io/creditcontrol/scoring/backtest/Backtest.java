package io.creditcontrol.scoring.backtest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.creditcontrol.scoring.score.Assessment;
import io.creditcontrol.scoring.score.ScoreInputs;
import io.creditcontrol.scoring.score.ScoreModel;

/**
 * How well the model separates the buyers that defaulted from those that did not, and whether its
 * probabilities match what happened. Every buyer is scored as of one day, with only what was known
 * that day; the outcome is whether it defaulted in the 12 months after.
 *
 * <ul>
 * <li><b>AUC</b>: the chance that a random defaulter got a higher PD than a random survivor
 * (0.5 = no better than chance); <b>Gini</b> = 2 AUC − 1.</li>
 * <li><b>KS</b>: the largest gap between the cumulative PD distributions of defaulters and
 * survivors.</li>
 * <li><b>Calibration by grade</b>: per grade, buyers, defaults, observed default rate and the
 * mean predicted PD.</li>
 * </ul>
 */
public final class Backtest {

    private Backtest() {
    }

    public record GradeRow(int grade, int buyers, int defaults, double observedRate, double meanPredictedPd) {
    }

    public record Report(int buyers, int defaults, double auc, double gini, double ks, List<GradeRow> calibration) {
    }

    public static Report run(ScoreModel model, Map<String, ScoreInputs> buyers, Set<String> defaulted, LocalDate asOf) {
        List<double[]> scored = new ArrayList<>(); // {pd, defaulted, grade}
        for (Map.Entry<String, ScoreInputs> buyer : buyers.entrySet()) {
            Assessment a = model.assess(buyer.getValue(), asOf);
            scored.add(new double[] {a.probabilityOfDefault().doubleValue(), defaulted.contains(buyer.getKey()) ? 1 : 0, a.grade()});
        }
        return report(scored);
    }

    static Report report(List<double[]> scored) {
        scored.sort(Comparator.comparingDouble(s -> s[0]));
        int n = scored.size();
        int bad = (int) scored.stream().filter(s -> s[1] == 1).count();
        int good = n - bad;
        // Mann-Whitney U with average ranks for ties
        double rankSumBad = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && scored.get(j)[0] == scored.get(i)[0]) {
                j++;
            }
            double averageRank = (i + 1 + j) / 2.0;
            for (int k = i; k < j; k++) {
                if (scored.get(k)[1] == 1) {
                    rankSumBad += averageRank;
                }
            }
            i = j;
        }
        double auc = bad == 0 || good == 0 ? Double.NaN : (rankSumBad - bad * (bad + 1) / 2.0) / ((double) bad * good);
        // KS over the distinct PD thresholds
        double ks = 0;
        int cumBad = 0;
        int cumGood = 0;
        for (int i = 0; i < n; i++) {
            if (scored.get(i)[1] == 1) {
                cumBad++;
            } else {
                cumGood++;
            }
            if (i == n - 1 || scored.get(i + 1)[0] != scored.get(i)[0]) {
                ks = Math.max(ks, Math.abs((double) cumGood / Math.max(1, good) - (double) cumBad / Math.max(1, bad)));
            }
        }
        Map<Integer, double[]> byGrade = new TreeMap<>(); // {buyers, defaults, sum pd}
        for (double[] s : scored) {
            double[] row = byGrade.computeIfAbsent((int) s[2], g -> new double[3]);
            row[0]++;
            row[1] += s[1];
            row[2] += s[0];
        }
        List<GradeRow> calibration = new ArrayList<>();
        byGrade.forEach((grade, row) -> calibration.add(new GradeRow(grade, (int) row[0], (int) row[1], row[1] / row[0], row[2] / row[0])));
        return new Report(n, bad, auc, 2 * auc - 1, ks, calibration);
    }
}
