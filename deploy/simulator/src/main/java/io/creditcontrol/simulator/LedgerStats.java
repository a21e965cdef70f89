package io.creditcontrol.simulator;

import static java.time.temporal.ChronoUnit.DAYS;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.creditcontrol.simulator.GroundTruth.BuyerTruth;

/** Figures about a generated ledger, per payment profile, as a credit analyst would look at them. */
public final class LedgerStats {

    /**
     * What one unit of the currency is worth in euros at the simulator's rough rates (EUR 1, GBP 1.176471, ...), to six
     * decimals: the rates a scenario gives limits-service and uses to add up amounts in different currencies.
     */
    public static BigDecimal eurPerUnit(String currency) {
        return BigDecimal.ONE.divide(BigDecimal.valueOf(Catalogue.eurTo(currency)), 6, java.math.RoundingMode.HALF_UP);
    }

    /** One allocation of a payment to an invoice, with its days beyond terms. */
    public record Settlement(String buyerId, String invoiceNumber, LocalDate dueDate, LocalDate receivedOn, BigDecimal amount) {

        public long daysBeyondTerms() {
            return DAYS.between(dueDate, receivedOn);
        }
    }

    private LedgerStats() {
    }

    /** Every allocated payment matched to its invoice's due date. */
    public static List<Settlement> settlements(List<LedgerRecord> records) {
        Map<String, LocalDate> dueDates = new HashMap<>();
        List<Settlement> settlements = new ArrayList<>();
        for (LedgerRecord r : records) {
            if (r.kind() == LedgerKind.INVOICE) {
                dueDates.put(r.document(), LocalDate.parse(r.body().path("dueDate").asText()));
            } else if (r.kind() == LedgerKind.PAYMENT) {
                LocalDate receivedOn = LocalDate.parse(r.body().path("receivedOn").asText());
                r.body().path("allocations").forEach(a -> settlements.add(new Settlement(r.buyerId(), a.path("invoiceNumber").asText(),
                        dueDates.get(a.path("invoiceNumber").asText()), receivedOn, new BigDecimal(a.path("amount").asText()))));
            }
        }
        return settlements;
    }

    public static void print(List<LedgerRecord> records, GroundTruth truth, PrintStream out) {
        Map<String, PaymentProfile> profileOf = truth.truths().stream().collect(Collectors.toMap(BuyerTruth::buyerId, BuyerTruth::profile));
        out.printf("Ledger %s .. %s (end exclusive), seed %d, %d buyers, %d records%n%n", truth.start(), truth.end(), truth.seed(),
                truth.buyers(), records.size());

        Map<PaymentProfile, Integer> buyers = count(truth.truths(), BuyerTruth::profile);
        Map<PaymentProfile, Integer> invoices = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, Integer> payments = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, Integer> unallocated = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, Integer> disputes = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, Integer> creditNotes = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, Integer> signals = new EnumMap<>(PaymentProfile.class);
        Map<PaymentProfile, BigDecimal> invoicedEur = new EnumMap<>(PaymentProfile.class);
        Map<String, BigDecimal> invoicedByCurrency = new TreeMap<>();
        Map<String, BigDecimal> paidByCurrency = new TreeMap<>();
        Map<String, BigDecimal> creditedByCurrency = new TreeMap<>();
        for (LedgerRecord r : records) {
            PaymentProfile p = profileOf.get(r.buyerId());
            switch (r.kind()) {
                case INVOICE -> {
                    invoices.merge(p, 1, Integer::sum);
                    BigDecimal amount = new BigDecimal(r.body().path("amount").asText());
                    String currency = r.body().path("currency").asText();
                    invoicedByCurrency.merge(currency, amount, BigDecimal::add);
                    invoicedEur.merge(p, amount.divide(BigDecimal.valueOf(Catalogue.eurTo(currency)), 2, java.math.RoundingMode.HALF_UP),
                            BigDecimal::add);
                }
                case PAYMENT -> {
                    payments.merge(p, 1, Integer::sum);
                    if (r.body().path("allocations").isEmpty()) {
                        unallocated.merge(p, 1, Integer::sum);
                    }
                    paidByCurrency.merge(r.body().path("currency").asText(), new BigDecimal(r.body().path("amount").asText()), BigDecimal::add);
                }
                case DISPUTE -> disputes.merge(p, 1, Integer::sum);
                case CREDIT_NOTE -> {
                    creditNotes.merge(p, 1, Integer::sum);
                    creditedByCurrency.merge(r.body().path("currency").asText(), new BigDecimal(r.body().path("amount").asText()), BigDecimal::add);
                }
                case RISK_SIGNAL -> signals.merge(p, 1, Integer::sum);
                default -> {
                }
            }
        }
        Map<PaymentProfile, double[]> dbt = new EnumMap<>(PaymentProfile.class);
        for (Settlement s : settlements(records)) {
            double[] sum = dbt.computeIfAbsent(profileOf.get(s.buyerId()), k -> new double[2]);
            sum[0] += s.daysBeyondTerms();
            sum[1]++;
        }

        out.printf("%-14s %6s %8s %14s %8s %6s %8s %8s %8s %8s%n", "profile", "buyers", "invoices", "invoiced ~EUR", "payments",
                "unall.", "avg DBT", "disputes", "cr.notes", "signals");
        for (PaymentProfile p : PaymentProfile.values()) {
            double[] sum = dbt.getOrDefault(p, new double[2]);
            out.printf("%-14s %6d %8d %14s %8d %6d %8.1f %8d %8d %8d%n", p, buyers.getOrDefault(p, 0), invoices.getOrDefault(p, 0),
                    invoicedEur.getOrDefault(p, BigDecimal.ZERO).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString(),
                    payments.getOrDefault(p, 0), unallocated.getOrDefault(p, 0), sum[1] == 0 ? 0 : sum[0] / sum[1],
                    disputes.getOrDefault(p, 0), creditNotes.getOrDefault(p, 0), signals.getOrDefault(p, 0));
        }
        out.println("(avg DBT: average days beyond terms of allocated payments; ~EUR: converted at the simulator's rough rates)");

        out.printf("%n%-9s %18s %18s %18s%n", "currency", "invoiced", "paid", "credited");
        for (String currency : invoicedByCurrency.keySet()) {
            out.printf("%-9s %18s %18s %18s%n", currency, invoicedByCurrency.get(currency).toPlainString(),
                    paidByCurrency.getOrDefault(currency, BigDecimal.ZERO).toPlainString(),
                    creditedByCurrency.getOrDefault(currency, BigDecimal.ZERO).toPlainString());
        }

        List<BuyerTruth> defaults = truth.truths().stream().filter(BuyerTruth::defaults)
                .sorted(java.util.Comparator.comparing(BuyerTruth::defaultDate).thenComparing(BuyerTruth::buyerId)).toList();
        long insolvencies = defaults.stream().filter(t -> t.insolvencyDate() != null).count();
        out.printf("%nDefaults: %d (of which %d file for insolvency)%n", defaults.size(), insolvencies);
        out.printf("%-12s %-13s %-12s %-12s%n", "buyer", "decline from", "default", "insolvency");
        for (BuyerTruth t : defaults) {
            out.printf("%-12s %-13s %-12s %-12s%n", t.buyerId(), t.deteriorationStart(), t.defaultDate(),
                    t.insolvencyDate() == null ? "-" : t.insolvencyDate());
        }
    }

    private static <T> Map<PaymentProfile, Integer> count(List<T> items, Function<T, PaymentProfile> profile) {
        Map<PaymentProfile, Integer> counts = new EnumMap<>(PaymentProfile.class);
        items.forEach(i -> counts.merge(profile.apply(i), 1, Integer::sum));
        return counts;
    }
}
