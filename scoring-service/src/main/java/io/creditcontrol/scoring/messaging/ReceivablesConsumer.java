package io.creditcontrol.scoring.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.scoring.experience.PaymentHistory;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.scoring.messaging.events.ReceivablesEvents.PaymentReceived;
import io.creditcontrol.scoring.score.RescoreQueue;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds the payment history from credit.invoices.v1 and credit.payments.v1. Failure policy:
 * see {@link Inbox}; the channels' dead-letter topic is credit.dlq.scoring.v1. Event types
 * this service does not handle are acknowledged and skipped. Every event applied queues the
 * buyer for re-scoring.
 */
@ApplicationScoped
public class ReceivablesConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivablesConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final PaymentHistory history;
    private final RescoreQueue rescore;

    ReceivablesConsumer(Inbox inbox, EventData eventData, PaymentHistory history, RescoreQueue rescore) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.history = history;
        this.rescore = rescore;
    }

    @Incoming("invoices")
    @Blocking
    public void onInvoiceEvent(ConsumerRecord<String, String> record) {
        inbox.receive("invoices", record.key(), record.value(), event -> {
            switch (event.type()) {
                case ReceivablesEvents.INVOICE_ISSUED -> history.invoiceIssued(eventData.read(event, InvoiceIssued.class));
                case ReceivablesEvents.INVOICE_CREDITED -> history.invoiceCredited(eventData.read(event, InvoiceCredited.class));
                case ReceivablesEvents.INVOICE_DISPUTED -> history.invoiceDisputed(eventData.read(event, InvoiceDisputed.class));
                case ReceivablesEvents.DISPUTE_RESOLVED -> history.disputeResolved(eventData.read(event, DisputeResolved.class));
                case ReceivablesEvents.INVOICE_WRITTEN_OFF -> history.invoiceWrittenOff(eventData.read(event, InvoiceWrittenOff.class));
                default -> {
                    LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.INVOICES_TOPIC);
                    return;
                }
            }
            rescore.request(event.subject(), Triggers.of(event));
        });
    }

    @Incoming("payments")
    @Blocking
    public void onPaymentEvent(ConsumerRecord<String, String> record) {
        inbox.receive("payments", record.key(), record.value(), event -> {
            if (ReceivablesEvents.PAYMENT_RECEIVED.equals(event.type())) {
                history.paymentReceived(eventData.read(event, PaymentReceived.class));
                rescore.request(event.subject(), Triggers.of(event));
            } else {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.PAYMENTS_TOPIC);
            }
        });
    }
}
