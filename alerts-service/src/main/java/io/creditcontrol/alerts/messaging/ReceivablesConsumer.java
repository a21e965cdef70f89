package io.creditcontrol.alerts.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.alerts.messaging.events.ReceivablesEvents;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.alerts.messaging.events.ReceivablesEvents.PaymentReceived;
import io.creditcontrol.alerts.receivables.Receivables;
import io.creditcontrol.alerts.rules.ReceivableRules;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds this service's receivables from credit.invoices.v1 and credit.payments.v1, whoever
 * published them. Failure policy: see {@link Inbox}; the channels' dead-letter topic is
 * credit.dlq.alerts.v1. Types not listed are skipped (new types may be added to a v1 topic).
 * After each applied event the receivables rules are evaluated for the buyer, in the same transaction.
 */
@ApplicationScoped
public class ReceivablesConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivablesConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final Receivables receivables;
    private final ReceivableRules rules;

    ReceivablesConsumer(Inbox inbox, EventData eventData, Receivables receivables, ReceivableRules rules) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.receivables = receivables;
        this.rules = rules;
    }

    @Incoming("invoices")
    @Blocking
    public void onInvoiceEvent(ConsumerRecord<String, String> record) {
        inbox.receive("invoices", record.key(), record.value(), event -> {
            switch (event.type()) {
                case ReceivablesEvents.INVOICE_ISSUED -> receivables.invoiceIssued(eventData.read(event, InvoiceIssued.class));
                case ReceivablesEvents.INVOICE_CREDITED -> receivables.invoiceCredited(eventData.read(event, InvoiceCredited.class));
                case ReceivablesEvents.INVOICE_DISPUTED -> receivables.invoiceDisputed(eventData.read(event, InvoiceDisputed.class));
                case ReceivablesEvents.DISPUTE_RESOLVED -> receivables.disputeResolved(eventData.read(event, DisputeResolved.class));
                case ReceivablesEvents.INVOICE_WRITTEN_OFF -> receivables.invoiceWrittenOff(eventData.read(event, InvoiceWrittenOff.class));
                default -> {
                    LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.INVOICES_TOPIC);
                    return;
                }
            }
            // the early-warning rules see the buyer's receivables as this event left them
            rules.evaluate(event.subject());
        });
    }

    @Incoming("payments")
    @Blocking
    public void onPaymentEvent(ConsumerRecord<String, String> record) {
        inbox.receive("payments", record.key(), record.value(), event -> {
            if (ReceivablesEvents.PAYMENT_RECEIVED.equals(event.type())) {
                receivables.paymentReceived(eventData.read(event, PaymentReceived.class));
                rules.evaluate(event.subject());
            } else {
                LOG.debugf("Ignoring event type %s on %s", event.type(), ReceivablesEvents.PAYMENTS_TOPIC);
            }
        });
    }
}
