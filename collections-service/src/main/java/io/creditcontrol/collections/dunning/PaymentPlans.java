package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.creditcontrol.collections.api.InvalidParameterException;
import io.creditcontrol.collections.api.UnknownReferenceException;
import io.creditcontrol.collections.intake.CurrencyCode;
import io.creditcontrol.collections.intake.IntakeRejectedException;
import io.creditcontrol.collections.intake.IntakeRejectedException.Reason;
import io.creditcontrol.collections.ledger.OpenItem;

/** Payment plans agreed with buyers; see {@link PaymentPlan} for when one is on track or broken. */
@ApplicationScoped
public class PaymentPlans {

    private final Clock clock;

    PaymentPlans(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "The undisputed open amount of an invoice, or of several invoices of one buyer in one currency, paid in "
            + "instalments, agreed with the buyer. Name the invoice in invoiceNumber or the invoices in invoiceNumbers, not both.")
    public record PlanRequest(
            @Schema(example = "PLAN-2026-0004") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
                    message = "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)") String planId,
            @Schema(description = "The invoice, for a plan over one invoice") @Size(min = 1, max = 64) String invoiceNumber,
            @Schema(description = "The invoices, for a plan over several invoices of one buyer in one currency; "
                    + "the instalments are applied to them oldest first")
            @Size(min = 1, max = 100) List<@NotBlank @Size(max = 64) String> invoiceNumbers,
            @NotNull @CurrencyCode String currency,
            @Schema(description = "Dates ascending; the amounts add up to the invoices' undisputed open amount")
            @NotEmpty @Size(max = 36) List<@Valid @NotNull InstalmentRequest> instalments) {

        /** The invoices named, in the order given. */
        List<String> invoices() {
            return invoiceNumbers != null ? invoiceNumbers : invoiceNumber != null ? List.of(invoiceNumber) : List.of();
        }

        /** The request field naming the i-th invoice. */
        String invoiceField(int i) {
            return invoiceNumbers != null ? "invoiceNumbers[" + i + "]" : "invoiceNumber";
        }
    }

    public record InstalmentRequest(
            @NotNull LocalDate dueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount) {
    }

    public record Agreed(PaymentPlan plan, boolean created) {
    }

    /**
     * Agrees the plan, or answers the one agreed under that id before. Every check is made before
     * anything is written: a plan refused stores nothing.
     */
    @Transactional
    public Agreed agree(PlanRequest request, String agreedBy) {
        LocalDate today = LocalDate.now(clock);
        if (request.invoiceNumber() != null && request.invoiceNumbers() != null) {
            throw new InvalidParameterException("invoiceNumbers", "give either invoiceNumber (one invoice) or invoiceNumbers, not both");
        }
        List<String> numbers = request.invoices();
        if (numbers.isEmpty()) {
            throw new InvalidParameterException("invoiceNumber", "must name the invoice (invoiceNumber) or the invoices (invoiceNumbers)");
        }
        for (int i = 0; i < numbers.size(); i++) {
            if (numbers.indexOf(numbers.get(i)) < i) {
                throw new InvalidParameterException(request.invoiceField(i), "names invoice " + numbers.get(i) + " a second time");
            }
        }
        PaymentPlan existing = PaymentPlan.findById(request.planId());
        if (existing != null) {
            if (!new HashSet<>(existing.invoiceNumbers()).equals(new HashSet<>(numbers))
                    || existing.instalments.size() != request.instalments().size()) {
                throw new IntakeRejectedException(Reason.CONFLICTING_DUPLICATE, null,
                        "payment plan " + request.planId() + " was already agreed with different content");
            }
            return new Agreed(existing, false);
        }
        LocalDate previous = today.minusDays(1);
        for (int i = 0; i < request.instalments().size(); i++) {
            LocalDate due = request.instalments().get(i).dueDate();
            if (!due.isAfter(previous)) {
                throw new InvalidParameterException("instalments[" + i + "].dueDate",
                        i == 0 ? "must not be before today (" + today + ")" : "must be after the previous instalment's date");
            }
            previous = due;
        }
        List<OpenItem> items = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            OpenItem item = OpenItem.findById(numbers.get(i));
            if (item == null) {
                throw new UnknownReferenceException(request.invoiceField(i), "Invoice " + numbers.get(i) + " is not in the ledger");
            }
            items.add(item);
        }
        OpenItem first = items.get(0);
        for (int i = 1; i < items.size(); i++) {
            OpenItem item = items.get(i);
            if (!item.buyerId.equals(first.buyerId)) {
                throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, request.invoiceField(i), "invoice " + item.invoiceNumber
                        + " is of buyer " + item.buyerId + ", invoice " + first.invoiceNumber + " of buyer " + first.buyerId);
            }
            if (!item.currency.equals(first.currency)) {
                throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, request.invoiceField(i), "invoice " + item.invoiceNumber
                        + " is in " + item.currency + ", invoice " + first.invoiceNumber + " in " + first.currency);
            }
        }
        if (!first.currency.equals(request.currency())) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "currency", "invoice " + first.invoiceNumber + " is in " + first.currency);
        }
        BigDecimal chased = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            OpenItem item = items.get(i);
            if (items.size() > 1 && item.chasedAmount().signum() <= 0) {
                throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, request.invoiceField(i),
                        "invoice " + item.invoiceNumber + " has no undisputed open amount to pay in instalments");
            }
            chased = chased.add(item.chasedAmount());
        }
        BigDecimal total = request.instalments().stream().map(InstalmentRequest::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(chased) != 0) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "instalments", "the instalments add up to "
                    + total.stripTrailingZeros().toPlainString() + "; the undisputed open amount is "
                    + chased.stripTrailingZeros().toPlainString() + " " + first.currency);
        }
        for (int i = 0; i < items.size(); i++) {
            String number = items.get(i).invoiceNumber;
            if (PaymentPlan.ofInvoice(number) != null) {
                throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, request.invoiceField(i), "invoice " + number + " already had a payment plan");
            }
            if (PromiseToPay.openFor(number) != null) {
                throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, request.invoiceField(i), "invoice " + number + " has an open promise to pay");
            }
        }
        // oldest first, as unallocated cash is applied (CashApplication): the order the instalments are applied in
        List<OpenItem> oldestFirst = items.stream()
                .sorted(Comparator.comparing((OpenItem item) -> item.dueDate).thenComparing(item -> item.issueDate)
                        .thenComparing(item -> item.invoiceNumber))
                .toList();
        PaymentPlan plan = new PaymentPlan();
        plan.planId = request.planId();
        plan.buyerId = first.buyerId;
        plan.invoiceNumber = oldestFirst.get(0).invoiceNumber;
        plan.currency = first.currency;
        plan.agreedOn = today;
        plan.agreedBy = agreedBy;
        plan.openAtPlan = oldestFirst.stream().map(OpenItem::openAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        plan.status = PaymentPlan.Status.OPEN;
        for (int i = 0; i < request.instalments().size(); i++) {
            PaymentPlanInstalment instalment = new PaymentPlanInstalment();
            instalment.plan = plan;
            instalment.seq = i + 1;
            instalment.dueDate = request.instalments().get(i).dueDate();
            instalment.amount = request.instalments().get(i).amount();
            plan.instalments.add(instalment);
        }
        for (int i = 0; i < oldestFirst.size(); i++) {
            OpenItem item = oldestFirst.get(i);
            PaymentPlanInvoice invoice = new PaymentPlanInvoice();
            invoice.plan = plan;
            invoice.invoiceNumber = item.invoiceNumber;
            invoice.position = i + 1;
            invoice.plannedAmount = item.chasedAmount();
            invoice.openAtPlan = item.openAmount();
            plan.invoices.add(invoice);
            item.reviewDunningBy(today);
        }
        plan.persist();
        return new Agreed(plan, true);
    }
}
