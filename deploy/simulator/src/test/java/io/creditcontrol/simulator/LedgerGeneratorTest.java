package io.creditcontrol.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.creditcontrol.simulator.GroundTruth.BuyerTruth;
import io.creditcontrol.simulator.LedgerStats.Settlement;

class LedgerGeneratorTest {

    private static final LedgerGenerator.Settings DEFAULT = new LedgerGenerator.Settings(500, 15, 42, LocalDate.of(2025, 1, 1));

    private static LedgerGenerator.Ledger ledger;
    private static Map<String, BuyerTruth> truthOf;

    @BeforeAll
    static void generateTheDefaultLedger() {
        ledger = LedgerGenerator.generate(DEFAULT);
        truthOf = ledger.truth().truths().stream().collect(Collectors.toMap(BuyerTruth::buyerId, Function.identity()));
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
        LedgerGenerator.Settings small = new LedgerGenerator.Settings(80, 12, 7, LocalDate.of(2025, 3, 1));
        LedgerFiles.write(LedgerGenerator.generate(small), dir.resolve("a"));
        LedgerFiles.write(LedgerGenerator.generate(small), dir.resolve("b"));
        LedgerFiles.write(LedgerGenerator.generate(new LedgerGenerator.Settings(80, 12, 8, LocalDate.of(2025, 3, 1))), dir.resolve("c"));
        for (String file : List.of(LedgerFiles.LEDGER, LedgerFiles.GROUND_TRUTH)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(file)), Files.readAllBytes(dir.resolve("b").resolve(file)), file);
        }
        assertFalse(Files.readString(dir.resolve("a").resolve(LedgerFiles.LEDGER)).equals(Files.readString(dir.resolve("c").resolve(LedgerFiles.LEDGER))));
        // and what is written reads back as the same records
        List<LedgerRecord> read = LedgerFiles.readLedger(dir.resolve("a"));
        List<LedgerRecord> generated = LedgerGenerator.generate(small).records();
        assertEquals(generated.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(LedgerFiles.line(generated.get(i)), LedgerFiles.line(read.get(i)));
        }
        assertEquals(LedgerGenerator.generate(small).truth(), LedgerFiles.readGroundTruth(dir.resolve("a")));
    }

    @Test
    void profilesHaveTheirSharesAndOneInTenBuyersDeteriorates() {
        Map<PaymentProfile, Integer> counts = new EnumMap<>(PaymentProfile.class);
        ledger.truth().truths().forEach(t -> counts.merge(t.profile(), 1, Integer::sum));
        assertEquals(500, counts.values().stream().mapToInt(Integer::intValue).sum());
        for (PaymentProfile p : PaymentProfile.values()) {
            assertEquals(p.share() * 500, counts.get(p), 1.0, p.name());
        }
        double deteriorating = counts.get(PaymentProfile.DETERIORATING) / 500.0;
        assertTrue(deteriorating >= 0.08 && deteriorating <= 0.12, "share of deteriorating buyers " + deteriorating);
        // only deteriorating buyers default, and every one of them does, inside the ledger's time span
        for (BuyerTruth t : ledger.truth().truths()) {
            assertEquals(t.profile() == PaymentProfile.DETERIORATING, t.defaults(), t.buyerId());
            if (t.defaults()) {
                assertTrue(t.deteriorationStart().isBefore(t.defaultDate()), t.buyerId());
                assertTrue(!t.defaultDate().isBefore(DEFAULT.start()) && t.defaultDate().isBefore(DEFAULT.end()), t.buyerId());
                assertTrue(t.insolvencyDate() == null || !t.insolvencyDate().isBefore(t.defaultDate()), t.buyerId());
            }
        }
        assertTrue(ledger.truth().truths().stream().anyMatch(t -> t.insolvencyDate() != null), "some file for insolvency");
        assertTrue(ledger.truth().truths().stream().anyMatch(t -> t.defaults() && t.insolvencyDate() == null), "some just stop paying");
    }

    @Test
    void deterioratingBuyersPayLaterAndLaterBeforeTheyDefault() {
        Map<String, List<Settlement>> byBuyer = LedgerStats.settlements(ledger.records()).stream()
                .collect(Collectors.groupingBy(Settlement::buyerId));
        int judged = 0;
        for (BuyerTruth t : ledger.truth().truths()) {
            if (!t.defaults()) {
                continue;
            }
            List<Settlement> settlements = byBuyer.getOrDefault(t.buyerId(), List.of());
            double early = averageDelay(settlements, DEFAULT.start(), t.deteriorationStart());
            double late = averageDelay(settlements, t.defaultDate().minusDays(90), t.defaultDate());
            if (Double.isNaN(early) || Double.isNaN(late)) {
                continue;
            }
            judged++;
            assertTrue(late >= early + 15, t.buyerId() + ": days beyond terms before the decline " + early + ", before the default " + late);
        }
        assertTrue(judged >= 40, "judged " + judged + " of 50 deteriorating buyers");
        // healthy slow payers stay steady: no such trend
        double slowEarly = 0;
        double slowLate = 0;
        for (BuyerTruth t : ledger.truth().truths()) {
            if (t.profile() == PaymentProfile.SLOW_STEADY) {
                List<Settlement> s = byBuyer.getOrDefault(t.buyerId(), List.of());
                slowEarly += orZero(averageDelay(s, DEFAULT.start(), DEFAULT.start().plusMonths(5)));
                slowLate += orZero(averageDelay(s, DEFAULT.end().minusMonths(5), DEFAULT.end()));
            }
        }
        assertTrue(Math.abs(slowEarly - slowLate) / 110 < 5, "slow payers' average delay drifts: " + slowEarly / 110 + " -> " + slowLate / 110);
    }

    private static double averageDelay(List<Settlement> settlements, LocalDate from, LocalDate until) {
        return settlements.stream().filter(s -> !s.receivedOn().isBefore(from) && s.receivedOn().isBefore(until))
                .mapToLong(Settlement::daysBeyondTerms).average().orElse(Double.NaN);
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    @Test
    void defaultersNeitherPayNorBuyAfterTheirDefaultAndWarningSignalsComeBefore() {
        int warned = 0;
        for (LedgerRecord r : ledger.records()) {
            BuyerTruth t = truthOf.get(r.buyerId());
            if (t.defaults() && !r.date().isBefore(t.defaultDate())) {
                assertTrue(r.kind() != LedgerKind.PAYMENT && r.kind() != LedgerKind.INVOICE,
                        r.kind() + " " + r.document() + " on " + r.date() + " after the default of " + t.buyerId() + " on " + t.defaultDate());
                if (r.kind() == LedgerKind.RISK_SIGNAL) {
                    assertEquals("INSOLVENCY_FILING", r.body().path("signal").asText());
                    assertEquals(t.insolvencyDate(), r.date());
                }
            }
        }
        for (BuyerTruth t : ledger.truth().truths()) {
            if (t.defaults() && ledger.records().stream().anyMatch(r -> r.buyerId().equals(t.buyerId()) && r.kind() == LedgerKind.RISK_SIGNAL
                    && r.date().isBefore(t.defaultDate()))) {
                warned++;
            }
            if (t.insolvencyDate() != null) {
                assertTrue(ledger.records().stream().anyMatch(r -> r.buyerId().equals(t.buyerId()) && r.kind() == LedgerKind.RISK_SIGNAL
                        && r.body().path("signal").asText().equals("INSOLVENCY_FILING")), t.buyerId() + " files for insolvency");
            }
        }
        assertTrue(warned >= 40, "deteriorating buyers with a warning signal before the default: " + warned);
        // the defaulters leave unpaid invoices behind
        Map<String, BigDecimal> open = openAmounts();
        long defaultersWithOpenInvoices = ledger.truth().truths().stream().filter(BuyerTruth::defaults)
                .filter(t -> open.entrySet().stream().anyMatch(e -> e.getKey().startsWith(t.buyerId() + "/") && e.getValue().signum() > 0))
                .count();
        assertEquals(50, defaultersWithOpenInvoices);
    }

    @Test
    void amountsArePositiveAndInTheCurrencysScale() {
        int checked = 0;
        for (LedgerRecord r : ledger.records()) {
            JsonNode body = r.body();
            String currency = body.path("currency").asText();
            if (currency.isEmpty()) {
                continue;  // buyers and risk signals carry no amounts
            }
            int scale = Currency.getInstance(currency).getDefaultFractionDigits();
            List<String> amounts = new ArrayList<>();
            switch (r.kind()) {
                case INVOICE, CREDIT_NOTE, DISPUTE -> amounts.add(body.path("amount").asText());
                case PAYMENT -> {
                    amounts.add(body.path("amount").asText());
                    body.path("allocations").forEach(a -> amounts.add(a.path("amount").asText()));
                }
                case FINANCIAL_STATEMENT -> {
                    for (String field : List.of("totalAssets", "currentAssets", "currentLiabilities", "totalLiabilities", "revenue")) {
                        BigDecimal figure = new BigDecimal(body.path(field).asText());
                        assertTrue(figure.signum() >= 0, field + " of " + r.buyerId());
                        assertEquals(scale, figure.scale(), field);
                    }
                }
                default -> {
                }
            }
            for (String text : amounts) {
                BigDecimal amount = new BigDecimal(text);
                assertEquals(scale, amount.scale(), r.kind() + " " + r.document() + " " + text + " " + currency);
                assertTrue(amount.signum() > 0, r.kind() + " " + r.document() + " " + text);
                checked++;
            }
        }
        assertTrue(checked > 10_000, "amounts checked: " + checked);
        Set<String> currencies = ledger.records().stream().filter(r -> r.kind() == LedgerKind.INVOICE)
                .map(r -> r.body().path("currency").asText()).collect(Collectors.toSet());
        assertEquals(Set.of("EUR", "USD", "GBP", "CNY"), currencies);
        long eur = ledger.records().stream().filter(r -> r.kind() == LedgerKind.INVOICE && r.body().path("currency").asText().equals("EUR")).count();
        long all = ledger.records().stream().filter(r -> r.kind() == LedgerKind.INVOICE).count();
        assertTrue(eur > all / 2, "mostly EUR: " + eur + " of " + all);
    }

    @Test
    void everyDocumentRefersToWhatCameBeforeAndNothingIsOverpaid() {
        Map<String, LedgerRecord> invoices = new HashMap<>();
        Set<String> disputes = new HashSet<>();
        Set<String> registered = new HashSet<>();
        Set<String> terms = new HashSet<>();
        int partial = 0;
        int unallocated = 0;
        LedgerRecord previous = null;
        for (LedgerRecord r : ledger.records()) {
            if (previous != null) {
                assertFalse(r.at().isBefore(previous.at()), "time order at " + r.document());
            }
            previous = r;
            if (r.kind() == LedgerKind.BUYER) {
                String parent = r.body().path("parentId").asText(null);
                assertTrue(parent == null || registered.contains(parent), "parent " + parent + " registered before " + r.buyerId());
                registered.add(r.buyerId());
                continue;
            }
            assertTrue(registered.contains(r.buyerId()), r.kind() + " of a buyer not registered yet: " + r.buyerId());
            switch (r.kind()) {
                case INVOICE -> {
                    assertTrue(invoices.put(r.document(), r) == null, "invoice number used twice: " + r.document());
                    terms.add(r.body().path("paymentTermsDays").asText());
                }
                case CREDIT_NOTE, DISPUTE -> {
                    LedgerRecord invoice = invoices.get(r.body().path("invoiceNumber").asText());
                    assertNotNull(invoice, r.document());
                    assertEquals(invoice.buyerId(), r.buyerId());
                    assertEquals(invoice.body().path("currency"), r.body().path("currency"));
                    if (r.kind() == LedgerKind.DISPUTE) {
                        disputes.add(r.document());
                    }
                }
                case DISPUTE_RESOLUTION -> assertTrue(disputes.contains(r.document()), "resolution before its dispute " + r.document());
                case PAYMENT -> {
                    if (r.body().path("allocations").isEmpty()) {
                        unallocated++;
                    }
                    for (JsonNode a : r.body().path("allocations")) {
                        LedgerRecord invoice = invoices.get(a.path("invoiceNumber").asText());
                        assertNotNull(invoice, "payment " + r.document() + " allocated to an invoice not issued yet");
                        assertEquals(invoice.buyerId(), r.buyerId());
                        assertEquals(invoice.body().path("currency"), r.body().path("currency"));
                        if (new BigDecimal(a.path("amount").asText()).compareTo(new BigDecimal(invoice.body().path("amount").asText())) < 0) {
                            partial++;
                        }
                    }
                }
                default -> {
                }
            }
        }
        openAmounts().forEach((invoice, open) -> assertTrue(open.signum() >= 0, "over-settled " + invoice + " by " + open.negate()));
        assertTrue(partial > 100, "partial payments: " + partial);
        assertTrue(unallocated > 50, "unallocated payments: " + unallocated);
        assertEquals(Set.of("30", "60", "90"), terms);
        assertTrue(ledger.records().stream().filter(r -> r.kind() == LedgerKind.BUYER).anyMatch(r -> r.body().has("parentId")), "some groups");
    }

    /** Invoice amount minus credit notes and allocated payments, keyed buyerId/invoiceNumber. */
    private static Map<String, BigDecimal> openAmounts() {
        Map<String, String> buyerOf = new HashMap<>();
        Map<String, BigDecimal> open = new HashMap<>();
        for (LedgerRecord r : ledger.records()) {
            switch (r.kind()) {
                case INVOICE -> {
                    buyerOf.put(r.document(), r.buyerId());
                    open.put(r.buyerId() + "/" + r.document(), new BigDecimal(r.body().path("amount").asText()));
                }
                case CREDIT_NOTE -> open.merge(r.buyerId() + "/" + r.body().path("invoiceNumber").asText(),
                        new BigDecimal(r.body().path("amount").asText()).negate(), BigDecimal::add);
                case PAYMENT -> r.body().path("allocations").forEach(a -> open.merge(r.buyerId() + "/" + a.path("invoiceNumber").asText(),
                        new BigDecimal(a.path("amount").asText()).negate(), BigDecimal::add));
                default -> {
                }
            }
        }
        return open;
    }

    @Test
    void theLedgerDoesNotGiveTheGroundTruthAway() {
        StringBuilder text = new StringBuilder();
        ledger.records().forEach(r -> text.append(LedgerFiles.line(r)).append('\n'));
        for (PaymentProfile p : PaymentProfile.values()) {
            assertFalse(text.indexOf(p.name()) >= 0, "the ledger names the profile " + p);
        }
        assertFalse(text.toString().toLowerCase().contains("default"), "the ledger mentions a default");
        assertFalse(text.toString().contains("deteriorat"), "the ledger mentions deterioration");
    }

    @Test
    void seasonalPayersAreLateInTheirLowSeasonOnly() {
        Map<String, List<Settlement>> byBuyer = LedgerStats.settlements(ledger.records()).stream()
                .collect(Collectors.groupingBy(Settlement::buyerId));
        int seasonal = 0;
        for (BuyerTruth t : ledger.truth().truths()) {
            if (t.profile() != PaymentProfile.SEASONAL) {
                continue;
            }
            // by month of the due date: the worst quarter is far later than the best one
            Map<Integer, Double> byMonth = byBuyer.getOrDefault(t.buyerId(), List.of()).stream()
                    .collect(Collectors.groupingBy(s -> s.dueDate().getMonthValue(), Collectors.averagingLong(Settlement::daysBeyondTerms)));
            double worst = byMonth.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double best = byMonth.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            if (worst - best > 20) {
                seasonal++;
            }
        }
        assertTrue(seasonal >= 50, "seasonal payers with a clear low season: " + seasonal + " of 60");
    }
}
