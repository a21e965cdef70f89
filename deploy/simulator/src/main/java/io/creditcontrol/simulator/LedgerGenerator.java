package io.creditcontrol.simulator;

import static java.time.temporal.ChronoUnit.DAYS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.simulator.Catalogue.Country;
import io.creditcontrol.simulator.Catalogue.Industry;
import io.creditcontrol.simulator.Catalogue.Size;
import io.creditcontrol.simulator.GroundTruth.BuyerTruth;

/**
 * Generates a seller's ledger from a seed: the same settings give the same ledger, byte for byte.
 * Each buyer draws from its own random stream, so the buyers do not influence each other.
 */
public final class LedgerGenerator {

    public record Settings(int buyers, int months, long seed, LocalDate start) {

        public Settings {
            if (buyers < 1) {
                throw new IllegalArgumentException("--buyers must be at least 1");
            }
            if (months < 6) {
                throw new IllegalArgumentException("--months must be at least 6 (deteriorating buyers need time to default)");
            }
        }

        public LocalDate end() {
            return start.plusMonths(months);
        }
    }

    public record Ledger(List<LedgerRecord> records, GroundTruth truth) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] DISPUTE_REASONS = {
        "Goods damaged on delivery", "Quantity short-shipped", "Price differs from the order", "Delivered late; penalty claimed",
        "Wrong item delivered", "Quality below specification" };

    private final Settings settings;
    private final List<Buyer> buyers = new ArrayList<>();
    private final List<Invoice> invoices = new ArrayList<>();
    private final List<Payment> payments = new ArrayList<>();
    private final List<CreditNote> creditNotes = new ArrayList<>();
    private final List<Dispute> disputes = new ArrayList<>();
    private final List<Signal> signals = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();

    private LedgerGenerator(Settings settings) {
        this.settings = settings;
    }

    public static Ledger generate(Settings settings) {
        return new LedgerGenerator(settings).run();
    }

    private Ledger run() {
        Random master = new Random(settings.seed());
        List<PaymentProfile> profiles = profiles(settings.buyers());
        Collections.shuffle(profiles, master);
        for (int i = 0; i < settings.buyers(); i++) {
            buyers.add(planBuyer(i, profiles.get(i), new Random(master.nextLong()), master));
        }
        for (Buyer buyer : buyers) {
            statements(buyer);
            signals(buyer);
            trade(buyer);
        }
        numberDocuments();
        return new Ledger(records(), truth());
    }

    /** Exactly the profile shares (rounded), the remainder going to prompt payers. */
    static List<PaymentProfile> profiles(int count) {
        List<PaymentProfile> profiles = new ArrayList<>();
        for (PaymentProfile p : PaymentProfile.values()) {
            if (p != PaymentProfile.PROMPT) {
                long n = Math.round(p.share() * count);
                for (int i = 0; i < n && profiles.size() < count; i++) {
                    profiles.add(p);
                }
            }
        }
        while (profiles.size() < count) {
            profiles.add(PaymentProfile.PROMPT);
        }
        return profiles;
    }

    // ---------------------------------------------------------------- buyers

    static final class Buyer {
        int index;
        String id;
        String name;
        Country country;
        Industry industry;
        Size size;
        String parentId;
        String registrationNumber;
        LocalDate relationshipStart;
        int termsDays;
        PaymentProfile profile;
        double typicalInvoice;
        double revenueBeforeStart;
        String method;
        String payerAccount;
        Random random;
        /** Mean days beyond terms (in the low season for seasonal payers, before the decline for deteriorating ones). */
        double meanDelay;
        int lowSeasonFirstMonth;
        double delayGrowthPerMonth;
        LocalDate deteriorationStart;
        LocalDate defaultDate;
        LocalDate insolvencyDate;
        LocalDate accountChangedOn;
        String newPayerAccount;

        String currency() {
            return country.currency();
        }

        boolean inLowSeason(LocalDate date) {
            int offset = Math.floorMod(date.getMonthValue() - lowSeasonFirstMonth, 12);
            return offset < 3;
        }

        boolean inPeakSeason(LocalDate date) {
            int offset = Math.floorMod(date.getMonthValue() - lowSeasonFirstMonth, 12);
            return offset >= 6 && offset < 9;
        }

        boolean declining(LocalDate date) {
            return deteriorationStart != null && !date.isBefore(deteriorationStart);
        }

        boolean stoppedPaying(LocalDate date) {
            return defaultDate != null && !date.isBefore(defaultDate);
        }
    }

    private Buyer planBuyer(int index, PaymentProfile profile, Random r, Random master) {
        Buyer b = new Buyer();
        b.index = index;
        b.random = r;
        b.profile = profile;
        b.country = Catalogue.weightedCountry(r);
        b.id = "B-" + b.country.code() + "-" + (10001 + index);
        b.industry = profile == PaymentProfile.SEASONAL ? Catalogue.pick(r, Catalogue.SEASONAL_INDUSTRIES) : Catalogue.pick(r, Catalogue.INDUSTRIES);
        b.size = Catalogue.weightedSize(r);
        b.name = Catalogue.companyName(r, b.country, b.industry);
        b.registrationNumber = b.country.registerPrefix() + (100000 + r.nextInt(900000));
        b.relationshipStart = settings.start().minusDays(200 + r.nextInt(12 * 365));
        b.termsDays = terms(b, r);
        double sizeSpread = Math.exp(r.nextGaussian() * 0.4);
        b.typicalInvoice = b.size.typicalInvoiceEur * sizeSpread * Catalogue.eurTo(b.currency());
        double revenueEur = b.size.minRevenueEur + r.nextDouble() * (b.size.maxRevenueEur - b.size.minRevenueEur);
        b.revenueBeforeStart = revenueEur * Catalogue.eurTo(b.currency());
        b.method = r.nextInt(100) < 15 ? "DIRECT_DEBIT" : (b.country.code().equals("US") && r.nextInt(100) < 30 ? "CHEQUE" : "BANK_TRANSFER");
        b.payerAccount = account(b.country.code(), r);
        // groups: some smaller buyers belong to an earlier large buyer (registered before them)
        if (b.size != Size.LARGE && master.nextInt(100) < 12) {
            List<Buyer> parents = buyers.stream().filter(p -> p.size == Size.LARGE && p.parentId == null).toList();
            if (!parents.isEmpty()) {
                b.parentId = parents.get(master.nextInt(parents.size())).id;
            }
        }
        switch (profile) {
            case PROMPT, DISPUTER -> b.meanDelay = 0;
            case SLOW_STEADY -> b.meanDelay = 12 + r.nextInt(19);
            case SEASONAL -> {
                b.meanDelay = 30 + r.nextInt(21);
                b.lowSeasonFirstMonth = 1 + r.nextInt(12);
            }
            case DETERIORATING -> planDecline(b, r);
        }
        return b;
    }

    private static int terms(Buyer b, Random r) {
        int usual = b.country.usualTermsDays();
        int roll = r.nextInt(100);
        if (usual == 30) {
            return roll < 75 ? 30 : (roll < 95 ? 60 : 90);
        }
        if (usual == 60) {
            return roll < 20 ? 30 : (roll < 80 ? 60 : 90);
        }
        return roll < 15 ? 60 : 90;
    }

    private static String account(String country, Random r) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 18; i++) {
            digits.append(r.nextInt(10));
        }
        return switch (country) {
            case "US", "CN" -> "ACCT-" + digits;
            default -> country + (10 + r.nextInt(90)) + digits;
        };
    }

    /** When a deteriorating buyer starts to slip, how fast, and when it stops paying. */
    private void planDecline(Buyer b, Random r) {
        int totalDays = (int) DAYS.between(settings.start(), settings.end());
        int onset = between(r, (int) (totalDays * 0.2), (int) (totalDays * 0.5));
        int room = totalDays - 20 - onset;
        int defaultOffset = onset + between(r, Math.min(room, Math.max(60, room / 2)), room);
        b.meanDelay = r.nextInt(9);
        b.delayGrowthPerMonth = 8 + r.nextDouble() * 8;
        b.deteriorationStart = settings.start().plusDays(onset);
        b.defaultDate = settings.start().plusDays(defaultOffset);
        if (r.nextInt(100) < 40) {
            LocalDate filing = b.defaultDate.plusDays(r.nextInt(31));
            b.insolvencyDate = filing.isBefore(settings.end()) ? filing : settings.end().minusDays(1);
        }
    }

    // ---------------------------------------------------------------- financial statements

    record Statement(Buyer buyer, LocalDate publishedOn, int fiscalYear, ObjectNode body) {
    }

    private void statements(Buyer b) {
        Random r = b.random;
        double revenue = b.revenueBeforeStart / Math.pow(1.03, 2);
        for (int year = settings.start().getYear() - 2; year < settings.end().getYear(); year++) {
            LocalDate periodEnd = LocalDate.of(year, 12, 31);
            LocalDate published = LocalDate.of(year + 1, 4, 1).plusDays(r.nextInt(76));
            boolean stressed = b.deteriorationStart != null && !periodEnd.isBefore(b.deteriorationStart.minusDays(180));
            revenue = revenue * (stressed ? 0.8 + r.nextDouble() * 0.1 : 1 + r.nextGaussian() * 0.05 + 0.03);
            if (!published.isBefore(settings.end())) {
                continue;
            }
            LocalDate at = published.isBefore(settings.start()) ? settings.start() : published;
            statements.add(new Statement(b, at, year, statementBody(b, periodEnd, revenue, stressed, r)));
        }
    }

    private ObjectNode statementBody(Buyer b, LocalDate periodEnd, double revenue, boolean stressed, Random r) {
        boolean slow = b.profile == PaymentProfile.SLOW_STEADY || b.profile == PaymentProfile.SEASONAL;
        double totalAssets = revenue * (0.5 + r.nextDouble() * 0.5);
        double equityRatio = stressed ? -0.05 + r.nextDouble() * 0.15 : (slow ? 0.15 + r.nextDouble() * 0.2 : 0.25 + r.nextDouble() * 0.25);
        double equity = totalAssets * equityRatio;
        double currentAssets = totalAssets * (0.35 + r.nextDouble() * 0.25);
        double currentRatio = stressed ? 0.6 + r.nextDouble() * 0.35 : (slow ? 1.0 + r.nextDouble() * 0.5 : 1.2 + r.nextDouble() * 1.0);
        double margin = stressed ? -0.08 + r.nextDouble() * 0.09 : (slow ? 0.01 + r.nextDouble() * 0.05 : 0.03 + r.nextDouble() * 0.09);
        double retained = stressed ? equity - totalAssets * 0.08 : equity * (0.3 + r.nextDouble() * 0.4);
        ObjectNode body = JSON.objectNode();
        body.put("periodEnd", periodEnd.toString());
        body.put("currency", b.currency());
        body.put("totalAssets", whole(totalAssets));
        body.put("currentAssets", whole(currentAssets));
        body.put("currentLiabilities", whole(currentAssets / currentRatio));
        body.put("totalLiabilities", whole(totalAssets - equity));
        body.put("retainedEarnings", whole(retained));
        body.put("ebit", whole(revenue * margin));
        body.put("revenue", whole(revenue));
        body.put("bookEquity", whole(equity));
        return body;
    }

    /** A balance-sheet figure in whole currency units, written with two decimals. */
    private static String whole(double value) {
        return BigDecimal.valueOf(Math.round(value)).setScale(2).toPlainString();
    }

    // ---------------------------------------------------------------- risk signals

    record Signal(Buyer buyer, LocalDate observedOn, String signal, String severity, String description, String source) {
    }

    private void signals(Buyer b) {
        Random r = b.random;
        if (b.profile == PaymentProfile.DETERIORATING) {
            if (r.nextInt(100) < 75) {
                b.accountChangedOn = b.deteriorationStart.plusDays(between(r, 20, 60));
                b.newPayerAccount = account(b.country.code(), r);
                signal(b, b.accountChangedOn, "BANK_ACCOUNT_CHANGE", "MEDIUM",
                        "Payments now come from a new account at another bank", "ERP cash application");
            }
            if (r.nextInt(100) < 60) {
                signal(b, b.deteriorationStart.plusDays(between(r, 45, 100)), "MANAGEMENT_CHANGE", "MEDIUM",
                        "Managing director resigned; interim management appointed", "Commercial register");
            }
            if (r.nextInt(100) < 60) {
                signal(b, b.defaultDate.minusDays(between(r, 10, 40)), "NEGATIVE_NEWS", "HIGH",
                        "Press reports on delayed supplier payments and short-time work", "News monitoring");
            }
            if (b.insolvencyDate != null) {
                signals.add(new Signal(b, b.insolvencyDate, "INSOLVENCY_FILING", "HIGH",
                        "Filed for insolvency at the local court", "Insolvency register"));
            }
        } else if (r.nextInt(100) < 6) {
            // healthy buyers have news too: the suite should not overreact to it
            LocalDate on = settings.start().plusDays(r.nextInt((int) DAYS.between(settings.start(), settings.end())));
            switch (r.nextInt(3)) {
                case 0 -> signal(b, on, "MANAGEMENT_CHANGE", "LOW", "New chief financial officer appointed", "Commercial register");
                case 1 -> signal(b, on, "SHAREHOLDER_CHANGE", "LOW", "Minority stake sold to a private equity investor", "Commercial register");
                default -> signal(b, on, "INDUSTRY_DOWNTURN", "LOW", "Sector orders down for the second quarter running", "Industry association");
            }
        }
    }

    /** A warning signal before the default (after it, the buyer's silence says enough). */
    private void signal(Buyer b, LocalDate on, String signal, String severity, String description, String source) {
        if (on.isBefore(settings.start()) || !on.isBefore(settings.end()) || b.stoppedPaying(on)) {
            return;
        }
        signals.add(new Signal(b, on, signal, severity, description, source));
    }

    // ---------------------------------------------------------------- invoices and what happens to them

    static final class Invoice {
        Buyer buyer;
        int sequence;
        LocalDate issueDate;
        LocalDate dueDate;
        BigDecimal amount;
        String number;
    }

    record Allocation(Invoice invoice, BigDecimal amount) {
    }

    static final class Payment {
        Buyer buyer;
        int sequence;
        LocalDate receivedOn;
        BigDecimal amount;
        String payerAccount;
        List<Allocation> allocations = new ArrayList<>();
        String reference;
    }

    static final class CreditNote {
        Invoice invoice;
        int sequence;
        LocalDate issueDate;
        BigDecimal amount;
        String reason;
        String number;
    }

    static final class Dispute {
        Invoice invoice;
        LocalDate openedOn;
        BigDecimal amount;
        String reason;
        String id;
        LocalDate resolvedOn;
        boolean upheld;
    }

    private void trade(Buyer b) {
        Random r = b.random;
        List<Invoice> own = new ArrayList<>();
        for (int month = 0; month < settings.months(); month++) {
            LocalDate monthStart = settings.start().plusMonths(month);
            double count = Math.max(0, b.size.invoicesPerMonth + r.nextInt(3) - 1);
            if (b.profile == PaymentProfile.SEASONAL) {
                count = b.inPeakSeason(monthStart) ? count * 1.5 : (b.inLowSeason(monthStart) ? count * 0.5 : count);
            }
            if (b.declining(monthStart)) {
                count = Math.max(count, 1);  // a failing buyer keeps ordering on credit until it stops paying
            }
            for (int i = 0; i < Math.round(count); i++) {
                LocalDate issued = monthStart.plusDays(r.nextInt(monthStart.lengthOfMonth()));
                if (b.stoppedPaying(issued)) {
                    continue;  // a buyer that stopped paying places no more orders
                }
                Invoice invoice = new Invoice();
                invoice.buyer = b;
                invoice.issueDate = issued;
                invoice.dueDate = issued.plusDays(b.termsDays);
                double bustOut = b.declining(issued) ? 1.25 : 1.0;  // a failing buyer stocks up on credit
                invoice.amount = money(Math.max(50, b.typicalInvoice * Math.exp(r.nextGaussian() * 0.5) * bustOut), b.currency());
                own.add(invoice);
            }
        }
        own.sort(Comparator.comparing(i -> i.issueDate));
        for (Invoice invoice : own) {
            invoice.sequence = invoices.size();
            invoices.add(invoice);
            settle(invoice, r);
        }
    }

    /** Disputes, credit notes and payments of one invoice, from the buyer's profile. */
    private void settle(Invoice invoice, Random r) {
        Buyer b = invoice.buyer;
        LocalDate paidOn = paymentDate(invoice, r);
        int disputeChance = b.profile == PaymentProfile.DISPUTER ? 20 : 1;
        int correctionChance = b.profile == PaymentProfile.DISPUTER ? 5 : 1;
        if (r.nextInt(100) < disputeChance) {
            Dispute dispute = new Dispute();
            dispute.invoice = invoice;
            dispute.openedOn = invoice.issueDate.plusDays(between(r, 3, Math.max(4, b.termsDays - 3)));
            dispute.amount = r.nextInt(100) < 30 ? invoice.amount : part(invoice.amount, 0.1 + r.nextDouble() * 0.5, b.currency());
            dispute.reason = DISPUTE_REASONS[r.nextInt(DISPUTE_REASONS.length)];
            dispute.resolvedOn = dispute.openedOn.plusDays(between(r, 10, 45));
            dispute.upheld = r.nextInt(100) < 55;
            if (!dispute.openedOn.isBefore(settings.end())) {
                pay(invoice, invoice.amount, paidOn, r);
                return;
            }
            disputes.add(dispute);
            boolean resolved = dispute.resolvedOn.isBefore(settings.end());
            BigDecimal undisputed = invoice.amount.subtract(dispute.amount);
            if (undisputed.signum() > 0) {
                pay(invoice, undisputed, paidOn, r);
            }
            if (resolved && dispute.upheld) {
                creditNote(invoice, dispute.resolvedOn, dispute.amount, "Dispute " + "upheld: " + dispute.reason);
            } else if (resolved) {
                LocalDate afterResolution = dispute.resolvedOn.plusDays(between(r, 3, 15));
                pay(invoice, dispute.amount, afterResolution.isAfter(paidOn) ? afterResolution : paidOn, r);
            }
            return;
        }
        if (r.nextInt(100) < correctionChance) {
            BigDecimal credit = part(invoice.amount, 0.02 + r.nextDouble() * 0.08, b.currency());
            LocalDate creditedOn = invoice.issueDate.plusDays(between(r, 2, 10));
            if (creditedOn.isBefore(settings.end())) {
                creditNote(invoice, creditedOn, credit, "Price correction");
                pay(invoice, invoice.amount.subtract(credit), paidOn.isAfter(creditedOn) ? paidOn : creditedOn.plusDays(1), r);
                return;
            }
        }
        pay(invoice, invoice.amount, paidOn, r);
    }

    /** When the buyer pays: the due date plus its days beyond terms, never before the day after the invoice. */
    private LocalDate paymentDate(Invoice invoice, Random r) {
        Buyer b = invoice.buyer;
        LocalDate due = invoice.dueDate;
        double delay = switch (b.profile) {
            case PROMPT -> clamp(r.nextGaussian() * 3 - 1, -10, 10);
            case SLOW_STEADY -> Math.max(0, b.meanDelay + r.nextGaussian() * 4);
            case SEASONAL -> b.inLowSeason(due) ? Math.max(0, b.meanDelay + r.nextGaussian() * 6) : clamp(r.nextGaussian() * 3 + 1, -5, 10);
            case DISPUTER -> clamp(r.nextGaussian() * 4 + 2, -5, 15);
            case DETERIORATING -> {
                if (!b.declining(due)) {
                    yield Math.max(-3, b.meanDelay + r.nextGaussian() * 3);
                }
                double monthsDeclining = DAYS.between(b.deteriorationStart, due) / 30.4;
                yield Math.max(0, b.meanDelay + b.delayGrowthPerMonth * monthsDeclining + r.nextGaussian() * 5);
            }
        };
        LocalDate paid = due.plusDays(Math.round(delay));
        return paid.isAfter(invoice.issueDate) ? paid : invoice.issueDate.plusDays(1);
    }

    /** Pays an amount of an invoice on a date, in one go or (slow and declining buyers) in two parts. */
    private void pay(Invoice invoice, BigDecimal amount, LocalDate on, Random r) {
        Buyer b = invoice.buyer;
        int splitChance = 0;
        if (b.profile == PaymentProfile.SLOW_STEADY) {
            splitChance = 10;
        } else if (b.declining(on)) {
            splitChance = (int) Math.min(70, 20 + 10 * DAYS.between(b.deteriorationStart, on) / 30.4);
        }
        if (amount.compareTo(BigDecimal.ONE) > 0 && r.nextInt(100) < splitChance) {
            BigDecimal first = part(amount, 0.4 + r.nextDouble() * 0.4, b.currency());
            payment(invoice, first, on, r);
            payment(invoice, amount.subtract(first), on.plusDays(between(r, 15, 45)), r);
        } else {
            payment(invoice, amount, on, r);
        }
    }

    private void payment(Invoice invoice, BigDecimal amount, LocalDate on, Random r) {
        Buyer b = invoice.buyer;
        if (amount.signum() <= 0 || !on.isBefore(settings.end()) || b.stoppedPaying(on)) {
            return;  // after the end of the ledger, or after the default: the invoice stays open
        }
        Payment payment = new Payment();
        payment.buyer = b;
        payment.sequence = payments.size();
        payment.receivedOn = on;
        payment.amount = amount;
        payment.payerAccount = b.accountChangedOn != null && !on.isBefore(b.accountChangedOn) ? b.newPayerAccount : b.payerAccount;
        boolean unallocated = r.nextInt(100) < 2;  // no remittance advice: cash application cannot match it
        if (!unallocated) {
            payment.allocations.add(new Allocation(invoice, amount));
        }
        payments.add(payment);
    }

    private void creditNote(Invoice invoice, LocalDate on, BigDecimal amount, String reason) {
        CreditNote note = new CreditNote();
        note.invoice = invoice;
        note.sequence = creditNotes.size();
        note.issueDate = on;
        note.amount = amount;
        note.reason = reason;
        creditNotes.add(note);
    }

    // ---------------------------------------------------------------- numbers, records, truth

    /** The seller numbers its documents in date order, one sequence per kind. */
    private void numberDocuments() {
        List<Invoice> byDate = new ArrayList<>(invoices);
        byDate.sort(Comparator.comparing((Invoice i) -> i.issueDate).thenComparingInt(i -> i.buyer.index).thenComparingInt(i -> i.sequence));
        for (int i = 0; i < byDate.size(); i++) {
            Invoice invoice = byDate.get(i);
            invoice.number = String.format("INV-%d-%06d", invoice.issueDate.getYear(), i + 1);
        }
        invoices.sort(Comparator.comparing((Invoice i) -> i.number));
        payments.sort(Comparator.comparing((Payment p) -> p.receivedOn).thenComparingInt(p -> p.buyer.index).thenComparingInt(p -> p.sequence));
        for (int i = 0; i < payments.size(); i++) {
            payments.get(i).reference = String.format("PAY-%d-%06d", payments.get(i).receivedOn.getYear(), i + 1);
        }
        creditNotes.sort(Comparator.comparing((CreditNote c) -> c.issueDate).thenComparing(c -> c.invoice.number).thenComparingInt(c -> c.sequence));
        for (int i = 0; i < creditNotes.size(); i++) {
            creditNotes.get(i).number = String.format("CN-%d-%05d", creditNotes.get(i).issueDate.getYear(), i + 1);
        }
        disputes.sort(Comparator.comparing((Dispute d) -> d.openedOn).thenComparing(d -> d.invoice.number));
        for (int i = 0; i < disputes.size(); i++) {
            disputes.get(i).id = String.format("DSP-%d-%05d", disputes.get(i).openedOn.getYear(), i + 1);
        }
    }

    private List<LedgerRecord> records() {
        List<LedgerRecord> records = new ArrayList<>();
        for (Buyer b : buyers) {
            ObjectNode body = JSON.objectNode();
            body.put("buyerId", b.id);
            body.put("name", b.name);
            body.put("registrationNumber", b.registrationNumber);
            body.put("country", b.country.code());
            body.put("industry", b.industry.naceCode());
            if (b.parentId != null) {
                body.put("parentId", b.parentId);
            }
            body.put("segment", b.size.name());
            body.put("relationshipStartDate", b.relationshipStart.toString());
            records.add(record(settings.start(), LedgerKind.BUYER, b.id, b.id, body));
        }
        for (Statement s : statements) {
            records.add(record(s.publishedOn(), LedgerKind.FINANCIAL_STATEMENT, s.buyer().id, "FY" + s.fiscalYear(), s.body()));
        }
        for (Signal s : signals) {
            ObjectNode body = JSON.objectNode();
            body.put("signal", s.signal());
            body.put("observedOn", s.observedOn().toString());
            body.put("severity", s.severity());
            body.put("description", s.description());
            body.put("source", s.source());
            records.add(record(s.observedOn(), LedgerKind.RISK_SIGNAL, s.buyer().id, s.signal(), body));
        }
        for (Invoice i : invoices) {
            ObjectNode body = JSON.objectNode();
            body.put("buyerId", i.buyer.id);
            body.put("buyerName", i.buyer.name);
            body.put("invoiceNumber", i.number);
            body.put("issueDate", i.issueDate.toString());
            body.put("dueDate", i.dueDate.toString());
            body.put("amount", i.amount.toPlainString());
            body.put("currency", i.buyer.currency());
            body.put("orderReference", "SO-" + i.number.substring(4));
            body.put("paymentTermsDays", i.buyer.termsDays);
            records.add(record(i.issueDate, LedgerKind.INVOICE, i.buyer.id, i.number, body));
        }
        for (Dispute d : disputes) {
            Invoice i = d.invoice;
            ObjectNode body = JSON.objectNode();
            body.put("buyerId", i.buyer.id);
            body.put("disputeId", d.id);
            body.put("invoiceNumber", i.number);
            body.put("amount", d.amount.toPlainString());
            body.put("currency", i.buyer.currency());
            body.put("openedOn", d.openedOn.toString());
            body.put("reason", d.reason);
            records.add(record(d.openedOn, LedgerKind.DISPUTE, i.buyer.id, d.id, body));
            if (d.resolvedOn.isBefore(settings.end())) {
                ObjectNode resolution = JSON.objectNode();
                resolution.put("resolvedOn", d.resolvedOn.toString());
                resolution.put("outcome", d.upheld ? "UPHELD_FOR_BUYER" : "REJECTED");
                resolution.put("note", d.upheld ? "Claim accepted; credit note follows" : "Claim rejected after review of the delivery documents");
                records.add(record(d.resolvedOn, LedgerKind.DISPUTE_RESOLUTION, i.buyer.id, d.id, resolution));
            }
        }
        for (CreditNote c : creditNotes) {
            Invoice i = c.invoice;
            ObjectNode body = JSON.objectNode();
            body.put("buyerId", i.buyer.id);
            body.put("creditNoteNumber", c.number);
            body.put("invoiceNumber", i.number);
            body.put("issueDate", c.issueDate.toString());
            body.put("amount", c.amount.toPlainString());
            body.put("currency", i.buyer.currency());
            body.put("reason", c.reason);
            records.add(record(c.issueDate, LedgerKind.CREDIT_NOTE, i.buyer.id, c.number, body));
        }
        for (Payment p : payments) {
            ObjectNode body = JSON.objectNode();
            body.put("buyerId", p.buyer.id);
            body.put("paymentReference", p.reference);
            body.put("receivedOn", p.receivedOn.toString());
            body.put("amount", p.amount.toPlainString());
            body.put("currency", p.buyer.currency());
            body.put("method", p.buyer.method);
            body.put("payerAccount", p.payerAccount);
            ArrayNode allocations = body.putArray("allocations");
            for (Allocation a : p.allocations) {
                allocations.addObject().put("invoiceNumber", a.invoice().number).put("amount", a.amount().toPlainString());
            }
            records.add(record(p.receivedOn, LedgerKind.PAYMENT, p.buyer.id, p.reference, body));
        }
        // stable: within one instant the records keep the order above (buyers before their subsidiaries, numbers ascending)
        records.sort(Comparator.comparing(LedgerRecord::at));
        return records;
    }

    private static LedgerRecord record(LocalDate date, LedgerKind kind, String buyerId, String document, ObjectNode body) {
        Instant at = date.atTime(kind.timeOfDay()).toInstant(ZoneOffset.UTC);
        return new LedgerRecord(at, kind, buyerId, document, body);
    }

    private GroundTruth truth() {
        List<BuyerTruth> truths = buyers.stream()
                .map(b -> new BuyerTruth(b.id, b.profile, b.deteriorationStart, b.defaultDate, b.insolvencyDate))
                .toList();
        return new GroundTruth(settings.seed(), settings.start(), settings.end(), settings.buyers(), truths);
    }

    // ---------------------------------------------------------------- small helpers

    private static int between(Random r, int min, int max) {
        return max <= min ? min : min + r.nextInt(max - min + 1);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /** An amount in the currency's usual scale (cents for EUR, USD, GBP, CNY). */
    static BigDecimal money(double value, String currency) {
        return BigDecimal.valueOf(value).setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_UP);
    }

    /** A share of an amount, at least one minor unit and less than the whole. */
    private static BigDecimal part(BigDecimal amount, double share, String currency) {
        BigDecimal minor = BigDecimal.ONE.movePointLeft(amount.scale());
        BigDecimal part = amount.multiply(BigDecimal.valueOf(share)).setScale(amount.scale(), RoundingMode.HALF_UP);
        if (part.compareTo(minor) < 0) {
            return minor;
        }
        return part.compareTo(amount) >= 0 ? amount.subtract(minor) : part;
    }
}
