package io.creditcontrol.collections.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.creditcontrol.collections.ledger.Ledger;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.DisputeResolved;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceCredited;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceDisputed;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceIssued;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.InvoiceWrittenOff;
import io.creditcontrol.collections.messaging.events.ReceivablesEvents.PaymentReceived;
import io.smallrye.common.annotation.Blocking;

/**
 * Builds the ledger from credit.invoices.v1 and credit.payments.v1, whoever published the
 * events (this service's intake API or an ERP writing to Kafka directly). Each poll's records
 * are applied in one transaction, in record order; failure policy: see {@link Inbox} (a record
 * the ledger can never apply goes alone to credit.dlq.collections.v1, see {@link DeadLetters}).
 */
@ApplicationScoped
public class ReceivablesConsumer {

    private static final Logger LOG = Logger.getLogger(ReceivablesConsumer.class);

    private final Inbox inbox;
    private final EventData eventData;
    private final Ledger ledger;

    ReceivablesConsumer(Inbox inbox, EventData eventData, Ledger ledger) {
        this.inbox = inbox;
        this.eventData = eventData;
        this.ledger = ledger;
    }

    @Incoming("invoices")
    @Blocking
    public void onInvoiceEvents(ConsumerRecords<String, String> records) {
        inbox.receiveBatch("invoices", records, event -> {
            switch (event.type()) {
                case ReceivablesEvents.INVOICE_ISSUED -> ledger.invoiceIssued(eventData.read(event, InvoiceIssued.class));
                case ReceivablesEvents.INVOICE_CREDITED -> ledger.invoiceCredited(eventData.read(event, InvoiceCredited.class));
                case ReceivablesEvents.INVOICE_DISPUTED -> ledger.invoiceDisputed(eventData.read(event, InvoiceDisputed.class));
                case ReceivablesEvents.DISPUTE_RESOLVED -> ledger.disputeResolved(eventData.read(event, DisputeResolved.class));
                case ReceivablesEvents.INVOICE_WRITTEN_OFF -> ledger.invoiceWrittenOff(eventData.read(event, InvoiceWrittenOff.class));
                default -> LOG.debugf("Ignoring event type %s on credit.invoices.v1", event.type());
            }
        });
    }

    @Incoming("payments")
    @Blocking
    public void onPaymentEvents(ConsumerRecords<String, String> records) {
        inbox.receiveBatch("payments", records, event -> {
            if (ReceivablesEvents.PAYMENT_RECEIVED.equals(event.type())) {
                ledger.paymentReceived(eventData.read(event, PaymentReceived.class));
            } else {
                LOG.debugf("Ignoring event type %s on credit.payments.v1", event.type());
            }
        });
    }
}
