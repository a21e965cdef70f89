package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The credit policy and the FX rates, kept in memory for the credit check. Both are read on every
 * check, change rarely, and are cheap to hold:
 * <ul>
 * <li>a policy version never changes once published, so versions are cached for good; which
 *     version is in force (the highest) is read with the buyer's facts on every check;
 * <li>the FX rates are reloaded as a whole when {@code reference_data_version('fx-rates')}, which
 *     every rate change increments in its transaction, differs from the loaded one; the number is
 *     read with the buyer's facts, so a committed change is seen by the next check of any instance.
 * </ul>
 */
@ApplicationScoped
public class ReferenceData {

    public static final String FX_RATES = "fx-rates";

    /** One version of the credit policy, with the terms of each grade. */
    public record Policy(int version, String currency, int worstGradeForCredit, BigDecimal maxOrderValue, int referOverdueDays,
            int blockOverdueDays, int reviewIntervalDays, int reservationHours, Map<Integer, CreditRules.GradeTerms> grades) {

        CreditRules.PolicyTerms terms() {
            return new CreditRules.PolicyTerms(worstGradeForCredit, maxOrderValue, referOverdueDays, blockOverdueDays);
        }
    }

    /** All rates at one version of the rate table: 1 unit of from = rate units of to. */
    public record Rates(long version, Map<String, BigDecimal> byPair) {

        /** 1 for the same currency; null when no rate was supplied. */
        public BigDecimal rate(String from, String to) {
            return from.equals(to) ? BigDecimal.ONE : byPair.get(from + to);
        }
    }

    private final Map<Integer, Policy> policies = new ConcurrentHashMap<>();
    private volatile Rates rates = new Rates(Long.MIN_VALUE, Map.of());

    /** The policy version, loaded once on the given connection. */
    Policy policy(Connection connection, int version) throws SQLException {
        Policy cached = policies.get(version);
        if (cached != null) {
            return cached;
        }
        Policy loaded = loadPolicy(connection, version);
        policies.put(version, loaded);
        return loaded;
    }

    /** The rates at least as new as {@code version}, reloaded on the given connection when the loaded ones are older. */
    Rates rates(Connection connection, long version) throws SQLException {
        Rates current = rates;
        if (current.version() >= version) {
            return current;
        }
        Rates loaded = loadRates(connection);
        if (loaded.version() > rates.version()) {
            rates = loaded;
        }
        return loaded;
    }

    private static Policy loadPolicy(Connection connection, int version) throws SQLException {
        Map<Integer, CreditRules.GradeTerms> grades = new HashMap<>();
        try (PreparedStatement grade = connection.prepareStatement(
                "SELECT grade, payment_terms_days, required_security FROM credit_policy_grade WHERE policy_version = ?")) {
            grade.setInt(1, version);
            try (ResultSet rows = grade.executeQuery()) {
                while (rows.next()) {
                    grades.put(rows.getInt(1), new CreditRules.GradeTerms(rows.getInt(2), PolicyGrade.Security.valueOf(rows.getString(3))));
                }
            }
        }
        try (PreparedStatement policy = connection.prepareStatement("SELECT currency, worst_grade_for_credit, max_order_value,"
                + " refer_overdue_days, block_overdue_days, review_interval_days, reservation_hours FROM credit_policy WHERE version = ?")) {
            policy.setInt(1, version);
            try (ResultSet row = policy.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("Credit policy version " + version + " does not exist");
                }
                return new Policy(version, row.getString(1), row.getInt(2), row.getBigDecimal(3), row.getInt(4), row.getInt(5),
                        row.getInt(6), row.getInt(7), Map.copyOf(grades));
            }
        }
    }

    /** The version and every rate, read by one statement so they belong together. */
    private static Rates loadRates(Connection connection) throws SQLException {
        long version = Long.MIN_VALUE;
        Map<String, BigDecimal> byPair = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT v.version, r.from_currency, r.to_currency, r.rate"
                + " FROM reference_data_version v LEFT JOIN fx_rate r ON 1 = 1 WHERE v.name = ?")) {
            statement.setString(1, FX_RATES);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    version = rows.getLong(1);
                    if (rows.getString(2) != null) {
                        byPair.put(rows.getString(2) + rows.getString(3), rows.getBigDecimal(4));
                    }
                }
            }
        }
        return new Rates(version, Map.copyOf(byPair));
    }
}
