package io.creditcontrol.limits.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.limits.exposure.ExposureLedger;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.limits.messaging.events.ReceivablesEvents.PaymentReceived;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds limits' view of each buyer's invoices and exposure from credit.invoices.v1 and
 * credit.payments.v1. Failure policy: see {@link Inbox}; the channels' dead-letter topic is
 * credit.dlq.limits.v1. Event types this service does not know are skipped.
 */
@ApplicationScoped
public class ReceivablesConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivablesConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final ExposureLedger ledger;

    ReceivablesConsumer(Inbox inbox, EventData eventData, ExposureLedger ledger) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.ledger = ledger;
    }

    @Incoming("invoices")
    @Blocking
    public void onInvoiceEvent(String record) {
        inbox.receive("invoices", record, event -> {
            switch (event.type()) {
                case ReceivablesEvents.INVOICE_ISSUED -> ledger.invoiceIssued(eventData.read(event, InvoiceIssued.class));
                case ReceivablesEvents.INVOICE_CREDITED -> ledger.invoiceCredited(eventData.read(event, InvoiceCredited.class));
                case ReceivablesEvents.INVOICE_DISPUTED -> ledger.invoiceDisputed(eventData.read(event, InvoiceDisputed.class));
                case ReceivablesEvents.DISPUTE_RESOLVED -> ledger.disputeResolved(eventData.read(event, DisputeResolved.class));
                case ReceivablesEvents.INVOICE_WRITTEN_OFF -> ledger.invoiceWrittenOff(eventData.read(event, InvoiceWrittenOff.class));
                default -> LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.INVOICES_TOPIC);
            }
        });
    }

    @Incoming("payments")
    @Blocking
    public void onPaymentEvent(String record) {
        inbox.receive("payments", record, event -> {
            if (ReceivablesEvents.PAYMENT_RECEIVED.equals(event.type())) {
                ledger.paymentReceived(eventData.read(event, PaymentReceived.class));
            } else {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.PAYMENTS_TOPIC);
            }
        });
    }
}
