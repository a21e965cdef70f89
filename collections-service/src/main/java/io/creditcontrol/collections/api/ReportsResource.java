package io.creditcontrol.collections.api;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.creditcontrol.collections.aging.AgingReport;
import io.creditcontrol.collections.reports.Kpis;
import io.creditcontrol.collections.reports.ReceivablesQueries;
import io.creditcontrol.collections.reports.ReceivablesQueries.BuyerBalance;
import io.creditcontrol.collections.reports.ReceivablesQueries.CurrencyBalance;
import io.creditcontrol.collections.reports.ReceivablesQueries.RankBy;
import io.creditcontrol.collections.reports.ReceivablesQueries.Ranked;
import io.creditcontrol.collections.reports.ReceivablesQueries.StepPayment;
import io.creditcontrol.collections.security.Roles;

/**
 * Collection reports, per currency (amounts in different currencies are never added). Each
 * answers a flat table: JSON by default, CSV with {@code Accept: text/csv} or {@code ?format=csv}.
 * The formulas are in docs/collections.md.
 */
@Path("/api/v1/reports")
@Tag(name = "Reports", description = "Aging, DSO, CEI, overdue ratio, dunning effectiveness, top overdue buyers, concentration")
@Produces({ MediaType.APPLICATION_JSON, ReportsResource.CSV })
@RolesAllowed({ Roles.VIEWER, Roles.ANALYST, Roles.APPROVER, Roles.COLLECTOR, Roles.ADMIN })
public class ReportsResource {

    static final String CSV = "text/csv";
    private static final int COUNTBACK_MONTHS = 12;

    private static final CsvMapper CSV_MAPPER = csvMapper();

    private final ReceivablesQueries queries;
    private final AgingReport aging;
    private final Clock clock;

    ReportsResource(ReceivablesQueries queries, AgingReport aging, Clock clock) {
        this.queries = queries;
        this.aging = aging;
        this.clock = clock;
    }

    public record AgingRow(LocalDate asOf, String currency, String bucket, int fromDays, Integer toDays, BigDecimal amount,
            BigDecimal disputed, long items) {
    }

    @GET
    @Path("/aging")
    @Operation(summary = "Portfolio aging as of a date, one row per currency and bucket")
    public Response aging(@QueryParam("asOf") String asOf, @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate date = AgingResource.asOf(asOf, clock);
        List<AgingRow> rows = new ArrayList<>();
        for (AgingReport.CurrencyAging currency : aging.asOf(date, null)) {
            for (AgingReport.Bucket b : currency.buckets()) {
                rows.add(new AgingRow(date, currency.currency(), b.bucket(), b.fromDays(), b.toDays(), b.amount(), b.disputed(), b.items()));
            }
        }
        return answer(rows, AgingRow.class, format, headers);
    }

    public record DsoRow(LocalDate asOf, String currency, BigDecimal receivables, BigDecimal dsoDays, int monthsUsed,
            boolean beyondCountback) {
    }

    @GET
    @Path("/dso")
    @Operation(summary = "Days sales outstanding by the countback method, per currency",
            description = "The receivables on asOf are matched against the credit sales of the month up to asOf, then of the month "
                    + "before, and so on (at most 12 months): each month wholly absorbed adds its days, the last one the share of its "
                    + "sales still needed.")
    public Response dso(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency, @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        LocalDate date = AgingResource.asOf(asOf, clock);
        Map<String, BigDecimal> receivables = openByCurrency(queries.totals(date, currencyOrNull(currency)));
        List<ReceivablesQueries.Period> months = new ArrayList<>();
        List<Integer> monthDays = new ArrayList<>();
        for (int k = 1; k <= COUNTBACK_MONTHS; k++) {
            LocalDate end = date.minusMonths(k - 1);
            LocalDate start = date.minusMonths(k);
            months.add(new ReceivablesQueries.Period(start.plusDays(1), end));
            monthDays.add((int) ChronoUnit.DAYS.between(start, end));
        }
        List<Map<String, BigDecimal>> monthlySales = queries.creditSales(months, currencyOrNull(currency));
        List<DsoRow> rows = new ArrayList<>();
        receivables.forEach((ccy, open) -> {
            List<Kpis.Period> periods = new ArrayList<>();
            for (int k = 0; k < COUNTBACK_MONTHS; k++) {
                periods.add(new Kpis.Period(monthDays.get(k), monthlySales.get(k).getOrDefault(ccy, BigDecimal.ZERO)));
            }
            Kpis.Countback countback = Kpis.dsoCountback(open, periods);
            rows.add(new DsoRow(date, ccy, LedgerResource.shown(open), countback.days(), countback.monthsUsed(), countback.exhausted()));
        });
        return answer(rows, DsoRow.class, format, headers);
    }

    public record CeiRow(LocalDate from, LocalDate to, String currency, BigDecimal beginningReceivables, BigDecimal creditSales,
            BigDecimal endingReceivables, BigDecimal endingCurrent, BigDecimal ceiPercent) {
    }

    @GET
    @Path("/cei")
    @Operation(summary = "Collection effectiveness index for a period, per currency",
            description = "CEI = (beginning receivables + credit sales - ending receivables) / (beginning receivables + credit sales "
                    + "- ending current receivables) x 100; beginning = the day before from, ending = to. Default: the month of to.")
    public Response cei(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("currency") String currency,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate end = date("to", to, LocalDate.now(clock));
        LocalDate start = date("from", from, end.withDayOfMonth(1));
        requireOrder(start, end);
        String ccyFilter = currencyOrNull(currency);
        Map<String, BigDecimal> beginning = openByCurrency(queries.totals(start.minusDays(1), ccyFilter));
        Map<String, CurrencyBalance> endBalances = queries.totals(end, ccyFilter);
        Map<String, BigDecimal> ending = openByCurrency(endBalances);
        Map<String, BigDecimal> endingCurrent = new TreeMap<>();
        endBalances.forEach((ccy, b) -> endingCurrent.put(ccy, b.current()));
        Map<String, BigDecimal> sales = queries.creditSales(List.of(new ReceivablesQueries.Period(start, end)), ccyFilter).get(0);
        Set<String> currencies = new TreeSet<>(beginning.keySet());
        currencies.addAll(ending.keySet());
        currencies.addAll(sales.keySet());
        List<CeiRow> rows = new ArrayList<>();
        for (String ccy : currencies) {
            BigDecimal b = beginning.getOrDefault(ccy, BigDecimal.ZERO);
            BigDecimal s = sales.getOrDefault(ccy, BigDecimal.ZERO);
            BigDecimal e = ending.getOrDefault(ccy, BigDecimal.ZERO);
            BigDecimal c = endingCurrent.getOrDefault(ccy, BigDecimal.ZERO);
            rows.add(new CeiRow(start, end, ccy, LedgerResource.shown(b), LedgerResource.shown(s), LedgerResource.shown(e),
                    LedgerResource.shown(c), Kpis.cei(b, s, e, c)));
        }
        return answer(rows, CeiRow.class, format, headers);
    }

    public record OverdueRatioRow(LocalDate asOf, String currency, BigDecimal receivables, BigDecimal overdue, BigDecimal overdueRatioPercent) {
    }

    @GET
    @Path("/overdue-ratio")
    @Operation(summary = "Share of the receivables past due (disputed included), per currency")
    public Response overdueRatio(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate date = AgingResource.asOf(asOf, clock);
        List<OverdueRatioRow> rows = new ArrayList<>();
        queries.totals(date, currencyOrNull(currency)).forEach((ccy, t) -> rows.add(new OverdueRatioRow(date, ccy,
                LedgerResource.shown(t.open()), LedgerResource.shown(t.pastDue()), Kpis.percent(t.pastDue(), t.open()))));
        return answer(rows, OverdueRatioRow.class, format, headers);
    }

    public record StepEffectivenessRow(LocalDate from, LocalDate to, int withinDays, String step, String currency, long steps,
            BigDecimal chasedAmount, BigDecimal paidWithinDays, BigDecimal amountPaidPercent, long settled, BigDecimal settledPercent) {
    }

    @GET
    @Path("/dunning-effectiveness")
    @Operation(summary = "Per dunning step and currency: how much of what it chased was paid within N days after it",
            description = "For the steps executed from..to: payments to the step's invoice received in the N days after the step's day "
                    + "(the day itself excluded), each step counting at most what it chased; settled = steps whose chased amount was "
                    + "paid in full within N days.")
    public Response dunningEffectiveness(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("days") Integer days,
            @QueryParam("currency") String currency, @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate end = date("to", to, LocalDate.now(clock));
        LocalDate start = date("from", from, end.minusDays(90));
        requireOrder(start, end);
        int within = days == null ? 14 : days;
        if (within < 1 || within > 365) {
            throw new InvalidParameterException("days", "must be between 1 and 365");
        }
        Map<Long, BigDecimal> paidPerStep = new HashMap<>();
        Map<Long, StepPayment> steps = new LinkedHashMap<>();
        for (StepPayment row : queries.stepsWithLaterPayments(start, end, currencyOrNull(currency))) {
            steps.putIfAbsent(row.stepId(), row);
            boolean inWindow = row.receivedOn() != null && row.receivedOn().isAfter(row.executedOn())
                    && !row.receivedOn().isAfter(row.executedOn().plusDays(within));
            paidPerStep.merge(row.stepId(), inWindow ? row.paid() : BigDecimal.ZERO, BigDecimal::add);
        }
        Map<String, Object[]> byStep = new TreeMap<>();
        for (StepPayment step : steps.values()) {
            Object[] t = byStep.computeIfAbsent(step.currency() + "\u0000" + step.step(),
                    k -> new Object[] {step.step(), step.currency(), 0L, BigDecimal.ZERO, BigDecimal.ZERO, 0L});
            BigDecimal paid = paidPerStep.get(step.stepId()).min(step.chasedAmount());
            t[2] = (Long) t[2] + 1;
            t[3] = ((BigDecimal) t[3]).add(step.chasedAmount());
            t[4] = ((BigDecimal) t[4]).add(paid);
            t[5] = (Long) t[5] + (paid.compareTo(step.chasedAmount()) >= 0 ? 1 : 0);
        }
        List<StepEffectivenessRow> rows = new ArrayList<>();
        for (Object[] t : byStep.values()) {
            long count = (Long) t[2];
            long settled = (Long) t[5];
            rows.add(new StepEffectivenessRow(start, end, within, (String) t[0], (String) t[1], count, LedgerResource.shown((BigDecimal) t[3]),
                    LedgerResource.shown((BigDecimal) t[4]), Kpis.percent((BigDecimal) t[4], (BigDecimal) t[3]), settled,
                    Kpis.percent(BigDecimal.valueOf(settled), BigDecimal.valueOf(count))));
        }
        return answer(rows, StepEffectivenessRow.class, format, headers);
    }

    public record TopOverdueRow(LocalDate asOf, String currency, int rank, String buyerId, BigDecimal overdue, BigDecimal disputed,
            BigDecimal receivables) {
    }

    @GET
    @Path("/top-overdue-buyers")
    @Operation(summary = "The buyers with the most past due, per currency (limit per currency, default 10, at most 1000)")
    public Response topOverdue(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency, @QueryParam("limit") Integer limit,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate date = AgingResource.asOf(asOf, clock);
        int max = DunningResource.pageSize(limit, 10, 1000);
        Map<String, List<BuyerBalance>> byCurrency = new TreeMap<>();
        for (Ranked r : queries.top(date, currencyOrNull(currency), RankBy.PAST_DUE, max)) {
            byCurrency.computeIfAbsent(r.balance().currency(), c -> new ArrayList<>()).add(r.balance());
        }
        List<TopOverdueRow> rows = new ArrayList<>();
        byCurrency.forEach((ccy, list) -> {
            list.sort(Comparator.comparing(BuyerBalance::pastDue).reversed().thenComparing(BuyerBalance::buyerId));
            for (int i = 0; i < Math.min(max, list.size()); i++) {
                BuyerBalance b = list.get(i);
                rows.add(new TopOverdueRow(date, ccy, i + 1, b.buyerId(), LedgerResource.shown(b.pastDue()),
                        LedgerResource.shown(b.disputed()), LedgerResource.shown(b.open())));
            }
        });
        return answer(rows, TopOverdueRow.class, format, headers);
    }

    public record ConcentrationRow(LocalDate asOf, String currency, BigDecimal receivables, int buyers, int rank, String buyerId,
            BigDecimal buyerReceivables, BigDecimal sharePercent, BigDecimal cumulativeSharePercent) {
    }

    @GET
    @Path("/concentration")
    @Operation(summary = "How much of the receivables the largest buyers hold, per currency (top, default 10, at most 100)")
    public Response concentration(@QueryParam("asOf") String asOf, @QueryParam("currency") String currency, @QueryParam("top") Integer top,
            @QueryParam("format") String format, @Context HttpHeaders headers) {
        LocalDate date = AgingResource.asOf(asOf, clock);
        int max = top == null ? 10 : top;
        if (max < 1 || max > 100) {
            throw new InvalidParameterException("top", "must be between 1 and 100");
        }
        Map<String, List<Ranked>> byCurrency = new TreeMap<>();
        queries.top(date, currencyOrNull(currency), RankBy.RECEIVABLES, max)
                .forEach(r -> byCurrency.computeIfAbsent(r.balance().currency(), c -> new ArrayList<>()).add(r));
        List<ConcentrationRow> rows = new ArrayList<>();
        byCurrency.forEach((ccy, list) -> {
            BigDecimal total = list.get(0).currencyReceivables();
            int buyers = (int) list.get(0).currencyBuyers();
            list.sort(Comparator.comparing((Ranked r) -> r.balance().open()).reversed().thenComparing(r -> r.balance().buyerId()));
            BigDecimal cumulative = BigDecimal.ZERO;
            for (int i = 0; i < Math.min(max, list.size()); i++) {
                BuyerBalance b = list.get(i).balance();
                cumulative = cumulative.add(b.open());
                rows.add(new ConcentrationRow(date, ccy, LedgerResource.shown(total), buyers, i + 1, b.buyerId(),
                        LedgerResource.shown(b.open()), Kpis.percent(b.open(), total), Kpis.percent(cumulative, total)));
            }
        });
        return answer(rows, ConcentrationRow.class, format, headers);
    }

    private static Map<String, BigDecimal> openByCurrency(Map<String, CurrencyBalance> totals) {
        Map<String, BigDecimal> open = new TreeMap<>();
        totals.forEach((ccy, t) -> open.put(ccy, t.open()));
        return open;
    }

    private static String currencyOrNull(String currency) {
        if (currency == null || currency.isBlank()) {
            return null;
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidParameterException("currency", "must be an ISO 4217 code, e.g. EUR");
        }
        return currency;
    }

    private static LocalDate date(String name, String value, LocalDate absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidParameterException(name, "'" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static void requireOrder(LocalDate from, LocalDate to) {
        if (from.isAfter(to)) {
            throw new InvalidParameterException("from", "must not be after to (" + to + ")");
        }
    }

    /** JSON unless ?format=csv or the client accepts text/csv and not JSON. */
    private static <T> Response answer(List<T> rows, Class<T> type, String format, HttpHeaders headers) {
        boolean csv;
        if (format != null && !format.isBlank()) {
            if (!format.equals("csv") && !format.equals("json")) {
                throw new InvalidParameterException("format", "must be json or csv");
            }
            csv = format.equals("csv");
        } else {
            List<MediaType> accepted = headers.getAcceptableMediaTypes();
            csv = accepted.stream().anyMatch(m -> m.isCompatible(MediaType.valueOf(CSV)) && !m.isWildcardType())
                    && accepted.stream().noneMatch(m -> m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType());
        }
        if (!csv) {
            return Response.ok(rows, MediaType.APPLICATION_JSON_TYPE).build();
        }
        try {
            // the columns in the row's declared order
            CsvSchema.Builder columns = CsvSchema.builder();
            for (RecordComponent component : type.getRecordComponents()) {
                columns.addColumn(component.getName());
            }
            String body = CSV_MAPPER.writer(columns.build().withHeader()).writeValueAsString(rows);
            return Response.ok(body, CSV + "; charset=UTF-8").build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV of " + type.getSimpleName(), e);
        }
    }

    private static CsvMapper csvMapper() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return mapper;
    }
}
