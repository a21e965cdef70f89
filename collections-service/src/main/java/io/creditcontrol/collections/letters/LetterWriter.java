package io.creditcontrol.collections.letters;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.creditcontrol.collections.config.LettersConfig;
import io.creditcontrol.collections.dunning.DunningAction;
import io.creditcontrol.collections.dunning.DunningStep;
import io.creditcontrol.collections.dunning.PaymentPlan;
import io.creditcontrol.collections.dunning.PaymentPlanInstalment;
import io.creditcontrol.collections.ledger.BuyerProfile;
import io.creditcontrol.collections.ledger.OpenItem;
import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateData;

/**
 * Renders reminder, demand and instalment-reminder letters from the Qute templates in {@code templates/letters/}, in
 * the buyer's contact language (English, or Chinese for "zh"): the buyer's invoices being chased
 * in the step's currency, their amounts and days overdue, and where to pay.
 */
@ApplicationScoped
public class LetterWriter {

    /** Languages there are templates for; any other contact language gets English. */
    public static final Set<String> LANGUAGES = Set.of("en", "zh");

    private final Engine engine;
    private final LettersConfig config;

    LetterWriter(Engine engine, LettersConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public static boolean writesLetter(String action) {
        return DunningAction.REMINDER.name().equals(action) || DunningAction.DEMAND_LETTER.name().equals(action);
    }

    /** An invoice of the buyer as a letter may list it: what is chased of it (open, undisputed). */
    public record ChasedInvoice(String invoiceNumber, LocalDate issueDate, LocalDate dueDate, BigDecimal chasedAmount) {
    }

    /**
     * The letter for a step of an invoice of a buyer with an e-mail contact, not yet persisted.
     * {@code buyersInvoices}: the buyer's invoices in the step's currency with something chased,
     * by due date, issue date and number; at least the step's invoice and those due before today.
     */
    public DunningLetter write(OpenItem item, BuyerProfile buyer, DunningStep step, LocalDate today, List<ChasedInvoice> buyersInvoices) {
        String language = LANGUAGES.contains(buyer.contactLanguage) ? buyer.contactLanguage : "en";
        boolean demand = DunningAction.DEMAND_LETTER.name().equals(step.action);
        List<InvoiceLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        // the step's invoice, and every other undisputed amount of the buyer already due in that currency
        for (ChasedInvoice open : buyersInvoices) {
            BigDecimal chased = open.chasedAmount();
            if (chased.signum() > 0 && (open.invoiceNumber().equals(item.invoiceNumber) || open.dueDate().isBefore(today))) {
                int daysOverdue = (int) ChronoUnit.DAYS.between(open.dueDate(), today);
                lines.add(new InvoiceLine(open.invoiceNumber(), open.issueDate(), open.dueDate(), money(chased), daysOverdue, -daysOverdue));
                total = total.add(chased);
            }
        }
        String amount = money(total);
        String name = buyer.contactName != null ? buyer.contactName : buyer.name != null ? buyer.name : item.buyerId;
        Seller seller = new Seller(config.sellerName(), config.bankName(), config.iban(), config.bic());
        String body = engine.getTemplate("letters/" + (demand ? "demand" : "reminder") + "-" + language)
                .data("contactName", name)
                .data("buyerId", item.buyerId)
                .data("invoices", lines)
                .data("total", amount)
                .data("currency", item.currency)
                .data("letterDate", today)
                .data("payBy", today.plusDays(config.demandPayWithinDays()))
                .data("seller", seller)
                .data("reference", item.buyerId + " " + item.invoiceNumber)
                .render();
        DunningLetter letter = new DunningLetter();
        letter.stepId = step.id;
        letter.invoiceNumber = item.invoiceNumber;
        letter.buyerId = item.buyerId;
        letter.kind = step.action;
        letter.language = language;
        letter.recipient = buyer.contactEmail;
        letter.subject = subject(demand, language, item.buyerId, amount, item.currency);
        letter.body = body;
        letter.status = DunningLetter.Status.PENDING.name();
        return letter;
    }

    /** The kind of letter that reminds a payment-plan instalment (its step's action is REMINDER). */
    public static final String INSTALMENT_REMINDER = "INSTALMENT_REMINDER";

    /**
     * The reminder of a payment-plan instalment, not yet persisted: the plan, the instalment's date and
     * amount (and what is still to pay of it), what is still owed on the plan, the instalments left and
     * where to pay. {@code openNow}: what is open today of the plan's invoices (together), from which
     * what was paid since the plan follows; {@code invoices}: the plan's invoice numbers.
     */
    public DunningLetter writeInstalmentReminder(BuyerProfile buyer, DunningStep step, PaymentPlan plan, PaymentPlanInstalment instalment,
            List<String> invoices, BigDecimal openNow, LocalDate today) {
        String language = LANGUAGES.contains(buyer.contactLanguage) ? buyer.contactLanguage : "en";
        BigDecimal stillDue = plan.stillDue(instalment, openNow);
        List<InstalmentLine> remaining = plan.instalments.stream().filter(i -> i.seq >= instalment.seq)
                .map(i -> new InstalmentLine(i.seq, i.dueDate, money(i.seq == instalment.seq ? stillDue : i.amount))).toList();
        String name = buyer.contactName != null ? buyer.contactName : buyer.name != null ? buyer.name : plan.buyerId;
        Seller seller = new Seller(config.sellerName(), config.bankName(), config.iban(), config.bic());
        String body = engine.getTemplate("letters/instalment-" + language)
                .data("contactName", name)
                .data("buyerId", plan.buyerId)
                .data("planId", plan.planId)
                .data("agreedOn", plan.agreedOn)
                .data("invoices", invoices)
                .data("instalment", new InstalmentLine(instalment.seq, instalment.dueDate, money(instalment.amount)))
                .data("instalmentCount", plan.instalments.size())
                .data("partlyPaid", stillDue.compareTo(instalment.amount) < 0)
                .data("stillDue", money(stillDue))
                .data("owed", money(plan.owed(openNow)))
                .data("remaining", remaining)
                .data("currency", plan.currency)
                .data("letterDate", today)
                .data("seller", seller)
                // a one-invoice plan is paid like its invoice; a plan over several by the plan's id
                .data("reference", plan.buyerId + " " + (invoices.size() == 1 ? invoices.get(0) : plan.planId))
                .render();
        DunningLetter letter = new DunningLetter();
        letter.stepId = step.id;
        letter.invoiceNumber = step.invoiceNumber;
        letter.buyerId = plan.buyerId;
        letter.kind = INSTALMENT_REMINDER;
        letter.language = language;
        letter.recipient = buyer.contactEmail;
        letter.subject = instalmentSubject(language, plan.planId, instalment.seq, plan.instalments.size(), money(stillDue), plan.currency,
                instalment.dueDate);
        letter.body = body;
        letter.status = DunningLetter.Status.PENDING.name();
        return letter;
    }

    static String instalmentSubject(String language, String planId, int seq, int count, String amount, String currency, LocalDate due) {
        if ("zh".equals(language)) {
            return "分期付款提醒 - 计划 " + planId + "：第 " + seq + "/" + count + " 期 " + amount + " " + currency + "，到期日 " + due;
        }
        return "Payment plan " + planId + ": instalment " + seq + " of " + count + ", " + amount + " " + currency + " due " + due;
    }

    static String subject(boolean demand, String language, String buyerId, String amount, String currency) {
        if ("zh".equals(language)) {
            return (demand ? "正式催款函" : "付款提醒") + " - 账户 " + buyerId + "：" + amount + " " + currency;
        }
        return (demand ? "Formal demand for payment" : "Payment reminder") + " - account " + buyerId + ": " + amount + " " + currency;
    }

    /** 1234.5 as "1,234.50": two decimals at least, grouped in thousands, no digit lost. */
    static String money(BigDecimal amount) {
        BigDecimal shown = amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()));
        return String.format(Locale.ROOT, "%,." + shown.scale() + "f", shown);
    }

    /** One invoice as a letter lists it; daysOverdue is negative before the due date. */
    @TemplateData
    public record InvoiceLine(String number, LocalDate issueDate, LocalDate dueDate, String amount, int daysOverdue, int daysUntilDue) {
    }

    /** One instalment as a letter lists it. */
    @TemplateData
    public record InstalmentLine(int seq, LocalDate dueDate, String amount) {
    }

    @TemplateData
    public record Seller(String name, String bank, String iban, String bic) {
    }
}
