package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
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
import jakarta.ws.rs.NotFoundException;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.creditcontrol.collections.api.InvalidParameterException;
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

    @Schema(description = "An invoice's undisputed open amount paid in instalments, agreed with the buyer.")
    public record PlanRequest(
            @Schema(example = "PLAN-2026-0004") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
                    message = "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)") String planId,
            @NotBlank @Size(max = 64) String invoiceNumber,
            @NotNull @CurrencyCode String currency,
            @Schema(description = "Dates ascending; the amounts add up to the invoice's undisputed open amount")
            @NotEmpty @Size(max = 36) List<@Valid @NotNull InstalmentRequest> instalments) {
    }

    public record InstalmentRequest(
            @NotNull LocalDate dueDate,
            @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount) {
    }

    public record Agreed(PaymentPlan plan, boolean created) {
    }

    @Transactional
    public Agreed agree(PlanRequest request, String agreedBy) {
        LocalDate today = LocalDate.now(clock);
        PaymentPlan existing = PaymentPlan.findById(request.planId());
        if (existing != null) {
            if (!existing.invoiceNumber.equals(request.invoiceNumber()) || existing.instalments.size() != request.instalments().size()) {
                throw new IntakeRejectedException(Reason.CONFLICTING_DUPLICATE, null,
                        "payment plan " + request.planId() + " was already agreed with different content");
            }
            return new Agreed(existing, false);
        }
        OpenItem item = OpenItem.findById(request.invoiceNumber());
        if (item == null) {
            throw new NotFoundException("Invoice " + request.invoiceNumber() + " is not in the ledger");
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
        if (!item.currency.equals(request.currency())) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "currency", "invoice " + item.invoiceNumber + " is in " + item.currency);
        }
        BigDecimal total = request.instalments().stream().map(InstalmentRequest::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.compareTo(item.chasedAmount()) != 0) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "instalments", "the instalments add up to "
                    + total.stripTrailingZeros().toPlainString() + "; the undisputed open amount is "
                    + item.chasedAmount().stripTrailingZeros().toPlainString() + " " + item.currency);
        }
        if (PaymentPlan.ofInvoice(item.invoiceNumber) != null) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "invoiceNumber",
                    "invoice " + item.invoiceNumber + " already had a payment plan");
        }
        if (PromiseToPay.openFor(item.invoiceNumber) != null) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "invoiceNumber",
                    "invoice " + item.invoiceNumber + " has an open promise to pay");
        }
        PaymentPlan plan = new PaymentPlan();
        plan.planId = request.planId();
        plan.buyerId = item.buyerId;
        plan.invoiceNumber = item.invoiceNumber;
        plan.currency = item.currency;
        plan.agreedOn = today;
        plan.agreedBy = agreedBy;
        plan.openAtPlan = item.openAmount();
        plan.status = PaymentPlan.Status.OPEN;
        for (int i = 0; i < request.instalments().size(); i++) {
            PaymentPlanInstalment instalment = new PaymentPlanInstalment();
            instalment.plan = plan;
            instalment.seq = i + 1;
            instalment.dueDate = request.instalments().get(i).dueDate();
            instalment.amount = request.instalments().get(i).amount();
            plan.instalments.add(instalment);
        }
        plan.persist();
        item.reviewDunningBy(today);
        return new Agreed(plan, true);
    }
}
