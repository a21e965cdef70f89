package io.creditcontrol.collections.dunning;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
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

/** Promises to pay, taken by collectors; see {@link PromiseToPay} for when one is kept or broken. */
@ApplicationScoped
public class Promises {

    private final Clock clock;

    Promises(Clock clock) {
        this.clock = clock;
    }

    @Schema(description = "A buyer's promise to pay (part of) an invoice by a date, as taken by a collector.")
    public record PromiseRequest(
            @Schema(example = "PTP-2026-0031") @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}",
                    message = "must be 1-64 letters, digits or . _ : - (starting with a letter or digit)") String promiseId,
            @Schema(example = "INV-2026-000123") @NotBlank @Size(max = 64) String invoiceNumber,
            @Schema(example = "2500.00") @NotNull @Positive @Digits(integer = 15, fraction = 4) BigDecimal amount,
            @Schema(example = "EUR") @NotNull @CurrencyCode String currency,
            @Schema(example = "2026-12-15") @NotNull LocalDate promisedDate) {
    }

    public record Taken(PromiseToPay promise, boolean created) {
    }

    /**
     * Records the promise; the dunning worker pauses the invoice's sequence until the promised date.
     * takenBy is the authenticated principal who recorded it.
     */
    @Transactional
    public Taken take(PromiseRequest request, String takenBy) {
        LocalDate today = LocalDate.now(clock);
        PromiseToPay existing = PromiseToPay.findById(request.promiseId());
        if (existing != null) {
            boolean same = existing.invoiceNumber.equals(request.invoiceNumber()) && existing.amount.compareTo(request.amount()) == 0
                    && existing.currency.equals(request.currency()) && existing.promisedDate.equals(request.promisedDate());
            if (!same) {
                throw new IntakeRejectedException(Reason.CONFLICTING_DUPLICATE, null,
                        "promise " + request.promiseId() + " was already taken with different content");
            }
            return new Taken(existing, false);
        }
        OpenItem item = OpenItem.findById(request.invoiceNumber());
        if (item == null) {
            throw new NotFoundException("Invoice " + request.invoiceNumber() + " is not in the ledger");
        }
        if (request.promisedDate().isBefore(today)) {
            throw new InvalidParameterException("promisedDate", "must not be before today (" + today + ")");
        }
        if (!item.currency.equals(request.currency())) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "currency",
                    "invoice " + item.invoiceNumber + " is in " + item.currency + "; a promise is in the invoice's currency");
        }
        if (request.amount().compareTo(item.openAmount()) > 0) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "amount",
                    "only " + item.openAmount().stripTrailingZeros().toPlainString() + " " + item.currency + " is open");
        }
        if (PaymentPlan.openFor(item.invoiceNumber) != null) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "invoiceNumber",
                    "invoice " + item.invoiceNumber + " is being paid under a payment plan");
        }
        PromiseToPay open = PromiseToPay.openFor(item.invoiceNumber);
        if (open != null) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "invoiceNumber",
                    "invoice " + item.invoiceNumber + " already has promise " + open.promiseId + " open until " + open.promisedDate);
        }
        PromiseToPay promise = new PromiseToPay();
        promise.promiseId = request.promiseId();
        promise.buyerId = item.buyerId;
        promise.invoiceNumber = item.invoiceNumber;
        promise.amount = request.amount();
        promise.currency = item.currency;
        promise.promisedOn = today;
        promise.promisedDate = request.promisedDate();
        promise.takenBy = takenBy;
        promise.openAtPromise = item.openAmount();
        promise.status = PromiseToPay.Status.OPEN;
        promise.persist();
        item.reviewDunningBy(request.promisedDate().plusDays(1));
        return new Taken(promise, true);
    }
}
