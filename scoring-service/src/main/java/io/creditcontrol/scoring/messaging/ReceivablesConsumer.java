package io.creditcontrol.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.scoring.experience.DocumentCache;
import io.creditcontrol.scoring.experience.PaymentHistory;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.PaymentReceived;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds the payment history from credit.invoices.v1 and credit.payments.v1. Failure policy:
 * see {@link Inbox}; the channels' dead-letter topic is credit.dlq.scoring.v1. Event types
 * this service does not handle are acknowledged and skipped. Every event applied queues the
 * buyer for re-scoring (once per batch). Records arrive in batches (one transaction each, see Inbox).
 */
@ApplicationScoped
public class ReceivablesConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivablesConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final PaymentHistory history;
    private final DocumentCache documents;

    ReceivablesConsumer(Inbox inbox, EventData eventData, PaymentHistory history, DocumentCache documents) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.history = history;
        this.documents = documents;
    }

    @Incoming("invoices")
    @Blocking
    public void onInvoiceEvents(ConsumerRecords<String, String> records) {
        inbox.receive("invoices", records, documents::prefetch, event -> {
            switch (event.type()) {
                case ReceivablesEvents.INVOICE_ISSUED -> history.invoiceIssued(eventData.read(event, InvoiceIssued.class));
                case ReceivablesEvents.INVOICE_CREDITED -> history.invoiceCredited(eventData.read(event, InvoiceCredited.class));
                case ReceivablesEvents.INVOICE_DISPUTED -> history.invoiceDisputed(eventData.read(event, InvoiceDisputed.class));
                case ReceivablesEvents.DISPUTE_RESOLVED -> history.disputeResolved(eventData.read(event, DisputeResolved.class));
                case ReceivablesEvents.INVOICE_WRITTEN_OFF -> history.invoiceWrittenOff(eventData.read(event, InvoiceWrittenOff.class));
                default -> {
                    LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.INVOICES_TOPIC);
                    return null;
                }
            }
            return event.subject();
        });
    }

    @Incoming("payments")
    @Blocking
    public void onPaymentEvents(ConsumerRecords<String, String> records) {
        inbox.receive("payments", records, documents::prefetch, event -> {
            if (!ReceivablesEvents.PAYMENT_RECEIVED.equals(event.type())) {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.PAYMENTS_TOPIC);
                return null;
            }
            history.paymentReceived(eventData.read(event, PaymentReceived.class));
            return event.subject();
        });
    }
}
