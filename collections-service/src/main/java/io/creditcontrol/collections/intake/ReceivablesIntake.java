package io.creditcontrol.collections.intake;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.creditcontrol.collections.intake.IntakeDocument.Type;
import io.creditcontrol.collections.intake.IntakeRejectedException.Reason;
import io.creditcontrol.collections.intake.IntakeRequests.AllocationRequest;
import io.creditcontrol.collections.intake.IntakeRequests.IssueCreditNoteRequest;
import io.creditcontrol.collections.intake.IntakeRequests.IssueInvoiceRequest;
import io.creditcontrol.collections.intake.IntakeRequests.OpenDisputeRequest;
import io.creditcontrol.collections.intake.IntakeRequests.RecordPaymentRequest;
import io.creditcontrol.collections.intake.IntakeRequests.ResolveDisputeRequest;
import io.creditcontrol.collections.intake.IntakeRequests.WriteOffRequest;
import io.creditcontrol.collections.ledger.InvoiceDispute;
import io.creditcontrol.collections.ledger.OpenItem;
import io.creditcontrol.collections.messaging.CloudEvent;
import io.creditcontrol.collections.messaging.EventData;
import io.creditcontrol.collections.messaging.Outbox;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.Allocation;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.PaymentReceived;

/**
 * The way invoices and payments enter the suite from an ERP. A document is accepted once,
 * under the ERP's own document number, and announced on its topic through the outbox; the
 * ledger (here and in every other service) is then built from that event.
 *
 * <p>A re-sent document with the same content is a duplicate and changes nothing; the same
 * number with different content is refused. Every check runs before anything is written, so a
 * refused document leaves no trace. The caller provides the transaction.
 */
@ApplicationScoped
public class ReceivablesIntake {

    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");

    private final Outbox outbox;
    private final EventData eventData;
    private final Clock clock;
    private final String source;

    ReceivablesIntake(Outbox outbox, EventData eventData, Clock clock,
            @ConfigProperty(name = "credit.intake.source") String source) {
        this.outbox = outbox;
        this.eventData = eventData;
        this.clock = clock;
        this.source = source;
    }

    public IntakeResult issueInvoice(IssueInvoiceRequest request) {
        InvoiceIssued event = new InvoiceIssued(request.buyerId(), request.invoiceNumber(), request.issueDate(),
                request.dueDate(), request.amount(), request.currency(), request.orderReference(),
                request.paymentTermsDays(), request.buyerName());
        return accept(Type.INVOICE, request.invoiceNumber(), request.buyerId(), request.currency(), null,
                ReceivablesEvents.INVOICES_TOPIC, ReceivablesEvents.INVOICE_ISSUED, event, () -> { });
    }

    public IntakeResult recordPayment(RecordPaymentRequest request) {
        List<Allocation> allocations = request.allocationsOrEmpty().stream()
                .map(a -> new Allocation(a.invoiceNumber(), a.amount()))
                .toList();
        PaymentReceived event = new PaymentReceived(request.buyerId(), request.paymentReference(), request.receivedOn(),
                request.amount(), request.currency(), request.method(), request.payerAccount(), allocations);
        return accept(Type.PAYMENT, request.paymentReference(), request.buyerId(), request.currency(), null,
                ReceivablesEvents.PAYMENTS_TOPIC, ReceivablesEvents.PAYMENT_RECEIVED, event, () -> {
                    List<AllocationRequest> requested = request.allocationsOrEmpty();
                    for (int i = 0; i < requested.size(); i++) {
                        requireInvoice(request.buyerId(), requested.get(i).invoiceNumber(), request.currency(),
                                "allocations[" + i + "].invoiceNumber");
                    }
                });
    }

    public IntakeResult issueCreditNote(IssueCreditNoteRequest request) {
        InvoiceCredited event = new InvoiceCredited(request.buyerId(), request.creditNoteNumber(), request.invoiceNumber(),
                request.issueDate(), request.amount(), request.currency(), request.reason());
        return accept(Type.CREDIT_NOTE, request.creditNoteNumber(), request.buyerId(), request.currency(), request.invoiceNumber(),
                ReceivablesEvents.INVOICES_TOPIC, ReceivablesEvents.INVOICE_CREDITED, event,
                () -> requireInvoice(request.buyerId(), request.invoiceNumber(), request.currency(), "invoiceNumber"));
    }

    public IntakeResult openDispute(OpenDisputeRequest request) {
        InvoiceDisputed event = new InvoiceDisputed(request.buyerId(), request.disputeId(), request.invoiceNumber(),
                request.amount(), request.currency(), request.openedOn(), request.reason());
        return accept(Type.DISPUTE, request.disputeId(), request.buyerId(), request.currency(), request.invoiceNumber(),
                ReceivablesEvents.INVOICES_TOPIC, ReceivablesEvents.INVOICE_DISPUTED, event,
                () -> requireInvoice(request.buyerId(), request.invoiceNumber(), request.currency(), "invoiceNumber"));
    }

    public IntakeResult resolveDispute(String disputeId, ResolveDisputeRequest request) {
        String buyerId;
        String invoiceNumber;
        String currency;
        IntakeDocument received = IntakeDocument.find(Type.DISPUTE, disputeId);
        InvoiceDispute recorded = InvoiceDispute.findById(disputeId);
        if (received != null) {
            buyerId = received.buyerId;
            invoiceNumber = received.relatedInvoice;
            currency = received.currency;
        } else if (recorded != null) {
            buyerId = recorded.buyerId;
            invoiceNumber = recorded.invoiceNumber;
            currency = OpenItem.<OpenItem>findById(recorded.invoiceNumber).currency;
        } else {
            throw new IntakeRejectedException(Reason.UNKNOWN_DOCUMENT, "disputeId", "no dispute " + disputeId + " has been received");
        }
        DisputeResolved event = new DisputeResolved(buyerId, disputeId, invoiceNumber, request.resolvedOn(),
                ReceivablesEvents.DisputeOutcome.valueOf(request.outcome().name()), null, currency, request.note());
        return accept(Type.DISPUTE_RESOLUTION, disputeId, buyerId, currency, invoiceNumber,
                ReceivablesEvents.INVOICES_TOPIC, ReceivablesEvents.DISPUTE_RESOLVED, event, () -> { });
    }

    /**
     * A write-off decided by a collector or credit manager, announced as credit.invoice.written-off;
     * the ledger applies it from the topic. It may not write off more than is open now.
     */
    public IntakeResult writeOff(WriteOffRequest request, String decidedBy) {
        InvoiceWrittenOff event = new InvoiceWrittenOff(request.buyerId(), request.invoiceNumber(), request.amount(),
                request.currency(), request.writtenOffOn(), request.reason() + " (decided by " + decidedBy + ")");
        return accept(Type.WRITE_OFF, request.writeOffId(), request.buyerId(), request.currency(), request.invoiceNumber(),
                ReceivablesEvents.INVOICES_TOPIC, ReceivablesEvents.INVOICE_WRITTEN_OFF, event, () -> {
                    requireInvoice(request.buyerId(), request.invoiceNumber(), request.currency(), "invoiceNumber");
                    OpenItem item = OpenItem.findById(request.invoiceNumber());
                    if (item == null) {
                        throw new IntakeRejectedException(Reason.UNKNOWN_INVOICE, "invoiceNumber",
                                "invoice " + request.invoiceNumber() + " is not in the ledger yet");
                    }
                    if (request.amount().compareTo(item.openAmount()) > 0) {
                        throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "amount",
                                "only " + item.openAmount().stripTrailingZeros().toPlainString() + " " + item.currency
                                        + " of invoice " + item.invoiceNumber + " is open");
                    }
                });
    }

    private IntakeResult accept(Type type, String number, String buyerId, String currency, String relatedInvoice,
            String topic, String eventType, Object data, Runnable checks) {
        JsonNode dataTree = eventData.toTree(data);
        String fingerprint = fingerprint(dataTree);
        IntakeDocument existing = IntakeDocument.find(type, number);
        if (existing != null) {
            if (existing.fingerprint.equals(fingerprint)) {
                return new IntakeResult(type, number, IntakeResult.Status.DUPLICATE, existing.eventId);
            }
            throw new IntakeRejectedException(Reason.CONFLICTING_DUPLICATE, null,
                    type + " " + number + " was already received with different content");
        }
        checks.run();

        CloudEvent event = CloudEvent.create(eventType, source, buyerId, clock.instant(), dataTree);
        IntakeDocument document = new IntakeDocument();
        document.documentType = type;
        document.documentNumber = number;
        document.buyerId = buyerId;
        document.currency = currency;
        document.relatedInvoice = relatedInvoice;
        document.fingerprint = fingerprint;
        document.eventId = event.id();
        document.receivedAt = clock.instant();
        document.persist();
        outbox.append(topic, event);
        return new IntakeResult(type, number, IntakeResult.Status.ACCEPTED, event.id());
    }

    /** The invoice must be known, to the same buyer, in the same currency. */
    private static void requireInvoice(String buyerId, String invoiceNumber, String currency, String field) {
        String knownBuyer;
        String knownCurrency;
        IntakeDocument received = IntakeDocument.find(Type.INVOICE, invoiceNumber);
        if (received != null) {
            knownBuyer = received.buyerId;
            knownCurrency = received.currency;
        } else {
            OpenItem item = OpenItem.findById(invoiceNumber);
            if (item == null) {
                throw new IntakeRejectedException(Reason.UNKNOWN_INVOICE, field, "invoice " + invoiceNumber + " has not been received");
            }
            knownBuyer = item.buyerId;
            knownCurrency = item.currency;
        }
        if (!knownBuyer.equals(buyerId)) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, field, "invoice " + invoiceNumber + " belongs to another buyer");
        }
        if (!knownCurrency.equals(currency)) {
            throw new IntakeRejectedException(Reason.INCONSISTENT_DOCUMENT, "currency", "invoice " + invoiceNumber + " is in " + knownCurrency);
        }
    }

    /** Content identity of a document: amounts compare by value, so 100.0 and 100.00 are the same. */
    private static String fingerprint(JsonNode data) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical(data).toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), canonical(field.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(canonical(element)));
            return copy;
        }
        if (node.isTextual() && DECIMAL.matcher(node.asText()).matches()) {
            return TextNode.valueOf(new BigDecimal(node.asText()).stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
