package io.creditcontrol.limits.credit;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.creditcontrol.limits.messaging.CloudEvent;

/**
 * The database side of the credit check, in plain JDBC on the transaction's connection, in as
 * few round trips as the database allows (docs/performance.md):
 * <ol>
 * <li>{@link #facts}: one SELECT returns everything the rules need about the buyer (limit, grade,
 *     cover, exposure rows, oldest overdue due date, escalation, dunning level, whether a group
 *     limit applies), the policy version in force, the FX rate table's version and any decision
 *     already stored under the idempotency key;
 * <li>{@link #reserveAndInsert}: for an order the rules approve, the atomic conditional UPDATE and
 *     the decision, reservation and outbox rows in one statement (PostgreSQL: a data-modifying
 *     CTE whose INSERTs happen only if the row held the exposure the facts showed);
 * <li>{@link #reserve}: the atomic conditional UPDATE alone; on PostgreSQL it returns the row's new
 *     total ({@code RETURNING}), elsewhere the row is read again;
 * <li>{@link #insert}: the decision, its reservation or decision case, and the outbox row when they
 *     were not written with the UPDATE (referred or blocked orders, or the row had changed); on
 *     PostgreSQL sent as one multi-statement request (one round trip), elsewhere one by one.
 * </ol>
 * All of it runs in the caller's transaction, so the outbox row exists if and only if the decision
 * and its reservation were committed.
 */
@ApplicationScoped
public class CreditCheckStore {

    private static final String OPEN = "i.amount - i.paid_amount - i.credited_amount - i.written_off_amount > 0";

    private static final String FACTS = "SELECT b.parent_id,"
            + " (SELECT MAX(p.version) FROM credit_policy p),"
            + " (SELECT v.version FROM reference_data_version v WHERE v.name = ?),"
            + " (SELECT k.id FROM credit_decision k WHERE k.idempotency_key = ?),"
            + " l.amount, l.currency, l.valid_from, l.review_date, g.grade,"
            + " c.amount, c.currency, c.valid_from, c.valid_to,"
            + " (SELECT MIN(i.due_date) FROM invoice i WHERE i.buyer_id = b.buyer_id AND i.due_date < ? AND " + OPEN + "),"
            + " (SELECT COUNT(*) FROM buyer_collections s WHERE s.buyer_id = b.buyer_id),"
            + " (SELECT MAX(d.dunning_level) FROM invoice_dunning d JOIN invoice i ON i.buyer_id = d.buyer_id"
            + "    AND i.invoice_number = d.invoice_number WHERE d.buyer_id = b.buyer_id AND " + OPEN + "),"
            + " (SELECT gl.currency FROM group_limit gl WHERE gl.parent_id = COALESCE(b.parent_id, b.buyer_id)),"
            + " e.currency, e.open_amount + e.reserved_amount, e.disputed_amount, l.limit_basis"
            + " FROM buyer b"
            + " LEFT JOIN credit_limit l ON l.buyer_id = b.buyer_id"
            + " LEFT JOIN buyer_grade g ON g.buyer_id = b.buyer_id"
            + " LEFT JOIN insurance_cover c ON c.buyer_id = b.buyer_id"
            + " LEFT JOIN buyer_exposure e ON e.buyer_id = b.buyer_id"
            + " WHERE b.buyer_id = ?";

    private static final String RESERVE = "UPDATE buyer_exposure SET reserved_amount = reserved_amount + ?, updated_at = ?"
            + " WHERE buyer_id = ? AND currency = ? AND open_amount + reserved_amount + ? + ? <= ?";

    private static final String INSERT_DECISION = "INSERT INTO credit_decision (id, idempotency_key, buyer_id, order_reference,"
            + " amount, currency, requested_terms_days, granted_terms_days, decision, reason_codes, conditions, limit_amount,"
            + " limit_currency, exposure, headroom, fx_rate, policy_version, reservation_id, decided_at, case_id, limit_basis)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_RESERVATION = "INSERT INTO credit_reservation (id, buyer_id, order_reference, currency,"
            + " amount, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CASE = "INSERT INTO decision_case (id, decision_id, buyer_id, order_reference, status,"
            + " opened_at) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OUTBOX = "INSERT INTO outbox_event (id, topic, record_key, event_type, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";

    /**
     * {@link #RESERVE} and the three INSERTs of an approved order in one statement: the INSERTs
     * select from {@code unchanged}, which holds the UPDATE's row only if it was updated and held
     * the expected total, so they write three rows or none.
     */
    private static final String RESERVE_AND_INSERT = "WITH reserved AS (" + RESERVE + " RETURNING open_amount + reserved_amount AS total),"
            + " unchanged AS (SELECT total FROM reserved WHERE total = ?),"
            + " r AS (" + fromUnchanged(INSERT_RESERVATION) + "),"
            + " d AS (" + fromUnchanged(INSERT_DECISION) + "),"
            + " o AS (" + fromUnchanged(INSERT_OUTBOX) + ")"
            + " SELECT total, EXISTS (SELECT 1 FROM unchanged) FROM reserved";

    /** {@code INSERT INTO t (...) VALUES (?, ...)} as {@code INSERT INTO t (...) SELECT ?, ... FROM unchanged}. */
    private static String fromUnchanged(String insert) {
        String values = insert.substring(insert.indexOf(" VALUES (") + " VALUES (".length(), insert.length() - 1);
        return insert.substring(0, insert.indexOf(" VALUES (")) + " SELECT " + values + " FROM unchanged";
    }

    private final AgroalDataSource dataSource;
    private volatile Boolean postgres;

    CreditCheckStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What is known about a buyer for the credit check: one row of the FACTS statement per exposure currency. */
    public record Facts(String parentId, int policyVersion, long fxVersion, String earlierDecisionId,
            BigDecimal limit, String limitCurrency, LocalDate limitValidFrom, LocalDate reviewDate, Integer grade,
            BigDecimal cover, String coverCurrency, LocalDate coverValidFrom, LocalDate coverValidTo,
            LocalDate oldestOverdueDue, boolean escalated, Integer dunningLevel, String groupLimitCurrency,
            List<ExposureRow> exposures, LimitBasis limitBasis) {
    }

    /** open + reserved, and the disputed part, of the buyer's exposure in one currency. */
    public record ExposureRow(String currency, BigDecimal total, BigDecimal disputed) {
    }

    /** The connection of the current transaction (or an auto-commit one outside a transaction); close it after use. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** The buyer's facts, or null when the buyer is unknown. */
    Facts facts(Connection connection, String buyerId, String idempotencyKey, LocalDate today) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(FACTS)) {
            statement.setString(1, ReferenceData.FX_RATES);
            statement.setString(2, idempotencyKey);
            statement.setObject(3, today);
            statement.setString(4, buyerId);
            try (ResultSet row = statement.executeQuery()) {
                Facts facts = null;
                List<ExposureRow> exposures = new ArrayList<>();
                while (row.next()) {
                    if (facts == null) {
                        Number dunning = (Number) row.getObject(16);
                        facts = new Facts(row.getString(1), row.getInt(2), row.getLong(3), row.getString(4),
                                row.getBigDecimal(5), row.getString(6), row.getObject(7, LocalDate.class), row.getObject(8, LocalDate.class),
                                (Integer) nullable(row, 9),
                                row.getBigDecimal(10), row.getString(11), row.getObject(12, LocalDate.class), row.getObject(13, LocalDate.class),
                                row.getObject(14, LocalDate.class), row.getLong(15) > 0, dunning == null ? null : dunning.intValue(),
                                row.getString(17), exposures,
                                row.getString(21) == null ? null : LimitBasis.valueOf(row.getString(21)));
                    }
                    if (row.getString(18) != null) {
                        exposures.add(new ExposureRow(row.getString(18), row.getBigDecimal(19), row.getBigDecimal(20)));
                    }
                }
                return facts;
            }
        }
    }

    private static Object nullable(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /**
     * The atomic reservation: adds {@code amount} to the buyer's row in the limit's currency only if
     * open + reserved + amount + other currencies stays within the limit. Returns the row's open +
     * reserved after the update, or null when no row was updated (no headroom).
     */
    BigDecimal reserve(Connection connection, String buyerId, String currency, BigDecimal amount, BigDecimal otherCurrencies,
            BigDecimal limit, Instant now) throws SQLException {
        boolean returning = isPostgres(connection);
        try (PreparedStatement update = connection.prepareStatement(returning ? RESERVE + " RETURNING open_amount + reserved_amount" : RESERVE)) {
            update.setBigDecimal(1, amount);
            update.setObject(2, utc(now));
            update.setString(3, buyerId);
            update.setString(4, currency);
            update.setBigDecimal(5, amount);
            update.setBigDecimal(6, otherCurrencies);
            update.setBigDecimal(7, limit);
            if (returning) {
                try (ResultSet row = update.executeQuery()) {
                    return row.next() ? row.getBigDecimal(1) : null;
                }
            }
            if (update.executeUpdate() == 0) {
                return null;
            }
        }
        return ownRow(connection, buyerId, currency);
    }

    /** The reservation's outcome: the row's open + reserved after the UPDATE, and whether the rows were written with it. */
    record Reserved(BigDecimal rowAfter, boolean inserted) {
    }

    /**
     * The atomic conditional reservation and, in the same statement (PostgreSQL: one data-modifying
     * CTE, one round trip), the approved decision, its reservation and its outbox row, which were
     * built with the exposure read by {@link #facts}. The rows are inserted only if the UPDATE
     * reserved and the row's open + reserved after it equals {@code expectedAfter}, i.e. no other
     * order changed the row since the facts were read; otherwise the caller writes them with the
     * figures the UPDATE found ({@link Reserved#inserted()} false). Returns null when nothing was
     * reserved (no headroom). A decision already stored under the same idempotency key fails the
     * whole statement, the UPDATE with it, with a unique violation (23505).
     */
    Reserved reserveAndInsert(Connection connection, String currency, BigDecimal otherCurrencies, BigDecimal limit,
            BigDecimal expectedAfter, CreditDecision d, Reservation r, String topic, CloudEvent event, String payload, Instant now)
            throws SQLException {
        if (!isPostgres(connection)) {
            BigDecimal rowAfter = reserve(connection, r.buyerId, currency, r.amount, otherCurrencies, limit, now);
            if (rowAfter == null) {
                return null;
            }
            if (rowAfter.compareTo(expectedAfter) != 0) {
                return new Reserved(rowAfter, false);
            }
            insert(connection, d, r, null, topic, event, payload, now);
            return new Reserved(rowAfter, true);
        }
        try (PreparedStatement all = connection.prepareStatement(RESERVE_AND_INSERT)) {
            int at = 1;
            all.setBigDecimal(at++, r.amount);
            all.setObject(at++, utc(now));
            all.setString(at++, r.buyerId);
            all.setString(at++, currency);
            all.setBigDecimal(at++, r.amount);
            all.setBigDecimal(at++, otherCurrencies);
            all.setBigDecimal(at++, limit);
            all.setBigDecimal(at++, expectedAfter);
            at = bindReservation(all, at, r);
            at = bindDecision(all, at, d);
            bindOutbox(all, at, topic, event, payload, now);
            try (ResultSet row = all.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Reserved(row.getBigDecimal(1), row.getBoolean(2));
            }
        }
    }

    /** open + reserved on the buyer's row in {@code currency}; zero when there is none. */
    BigDecimal ownRow(Connection connection, String buyerId, String currency) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT open_amount + reserved_amount FROM buyer_exposure WHERE buyer_id = ? AND currency = ?")) {
            select.setString(1, buyerId);
            select.setString(2, currency);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBigDecimal(1) : BigDecimal.ZERO;
            }
        }
    }

    /**
     * Writes the decision, its reservation or case (either may be null) and its event. A decision
     * already stored under the same idempotency key fails this with a unique violation (23505).
     */
    void insert(Connection connection, CreditDecision d, Reservation r, DecisionCase c, String topic, CloudEvent event,
            String payload, Instant now) throws SQLException {
        List<String> sql = new ArrayList<>(4);
        if (r != null) {
            sql.add(INSERT_RESERVATION);
        }
        if (c != null) {
            sql.add(INSERT_CASE);
        }
        sql.add(INSERT_DECISION);
        sql.add(INSERT_OUTBOX);
        if (isPostgres(connection)) {
            // one request, one round trip: the driver sends the statements together and PostgreSQL runs them in order
            try (PreparedStatement all = connection.prepareStatement(String.join(";\n", sql))) {
                int at = 1;
                if (r != null) {
                    at = bindReservation(all, at, r);
                }
                if (c != null) {
                    at = bindCase(all, at, c);
                }
                at = bindDecision(all, at, d);
                bindOutbox(all, at, topic, event, payload, now);
                all.execute();
                while (all.getMoreResults() || all.getUpdateCount() != -1) {
                    // consume every statement's count so every error surfaces here
                }
            }
            return;
        }
        if (r != null) {
            try (PreparedStatement one = connection.prepareStatement(INSERT_RESERVATION)) {
                bindReservation(one, 1, r);
                one.executeUpdate();
            }
        }
        if (c != null) {
            try (PreparedStatement one = connection.prepareStatement(INSERT_CASE)) {
                bindCase(one, 1, c);
                one.executeUpdate();
            }
        }
        try (PreparedStatement one = connection.prepareStatement(INSERT_DECISION)) {
            bindDecision(one, 1, d);
            one.executeUpdate();
        }
        try (PreparedStatement one = connection.prepareStatement(INSERT_OUTBOX)) {
            bindOutbox(one, 1, topic, event, payload, now);
            one.executeUpdate();
        }
    }

    private static int bindReservation(PreparedStatement s, int at, Reservation r) throws SQLException {
        s.setString(at++, r.id);
        s.setString(at++, r.buyerId);
        s.setString(at++, r.orderReference);
        s.setString(at++, r.currency);
        s.setBigDecimal(at++, r.amount);
        s.setString(at++, r.status.name());
        s.setObject(at++, utc(r.createdAt));
        s.setObject(at++, utc(r.expiresAt));
        return at;
    }

    private static int bindCase(PreparedStatement s, int at, DecisionCase c) throws SQLException {
        s.setString(at++, c.id);
        s.setString(at++, c.decisionId);
        s.setString(at++, c.buyerId);
        s.setString(at++, c.orderReference);
        s.setString(at++, c.status.name());
        s.setObject(at++, utc(c.openedAt));
        return at;
    }

    private static int bindDecision(PreparedStatement s, int at, CreditDecision d) throws SQLException {
        s.setString(at++, d.id);
        s.setString(at++, d.idempotencyKey);
        s.setString(at++, d.buyerId);
        s.setString(at++, d.orderReference);
        s.setBigDecimal(at++, d.amount);
        s.setString(at++, d.currency);
        s.setObject(at++, d.requestedTermsDays, java.sql.Types.INTEGER);
        s.setObject(at++, d.grantedTermsDays, java.sql.Types.INTEGER);
        s.setString(at++, d.decision.name());
        s.setString(at++, d.reasonCodes);
        s.setString(at++, d.conditions);
        s.setBigDecimal(at++, d.limitAmount);
        s.setString(at++, d.limitCurrency);
        s.setBigDecimal(at++, d.exposure);
        s.setBigDecimal(at++, d.headroom);
        s.setBigDecimal(at++, d.fxRate);
        s.setInt(at++, d.policyVersion);
        s.setString(at++, d.reservationId);
        s.setObject(at++, utc(d.decidedAt));
        s.setString(at++, d.caseId);
        s.setString(at++, d.limitBasis == null ? null : d.limitBasis.name());
        return at;
    }

    private static int bindOutbox(PreparedStatement s, int at, String topic, CloudEvent event, String payload, Instant now)
            throws SQLException {
        s.setString(at++, event.id());
        s.setString(at++, topic);
        s.setString(at++, event.subject());
        s.setString(at++, event.type());
        s.setString(at++, payload);
        s.setObject(at++, utc(now));
        return at;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private boolean isPostgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
            postgres = known;
        }
        return known;
    }
}
