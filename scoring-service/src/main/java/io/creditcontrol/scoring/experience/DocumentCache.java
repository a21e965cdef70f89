package io.creditcontrol.scoring.experience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;

import io.creditcontrol.scoring.messaging.CloudEvent;

/**
 * The invoices, received payments and pending allocations a batch of records is about, read in
 * three queries when the batch starts (after its buyers are locked, so nobody else changes them)
 * instead of one query per event. Lookups of a document the batch named are answered from here,
 * including "not known" and what the batch itself added; anything else falls back to a query.
 * Lives for one transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DocumentCache {

    private static final String KEY = DocumentCache.class.getName();

    private final TransactionSynchronizationRegistry transaction;
    private final EntityManager em;

    DocumentCache(TransactionSynchronizationRegistry transaction, EntityManager em) {
        this.transaction = transaction;
        this.em = em;
    }

    /** Reads what the events of a batch refer to: invoice numbers, payment references, allocations' invoices. */
    public void prefetch(Collection<CloudEvent> events) {
        Set<String> buyers = new HashSet<>();
        Set<String> invoiceNumbers = new HashSet<>();
        Set<String> paymentReferences = new HashSet<>();
        Documents documents = documents();
        for (CloudEvent event : events) {
            JsonNode data = event.data();
            String buyer = event.subject();
            buyers.add(buyer);
            String invoice = text(data, "invoiceNumber");
            if (invoice != null) {
                invoiceNumbers.add(invoice);
                documents.invoicesRead.add(key(buyer, invoice));
            }
            String payment = text(data, "paymentReference");
            if (payment != null) {
                paymentReferences.add(payment);
                documents.paymentsRead.add(key(buyer, payment));
            }
            JsonNode allocations = data.get("allocations");
            if (allocations != null && allocations.isArray()) {
                for (JsonNode allocation : allocations) {
                    String allocated = text(allocation, "invoiceNumber");
                    if (allocated != null) {
                        invoiceNumbers.add(allocated);
                        documents.invoicesRead.add(key(buyer, allocated));
                    }
                }
            }
        }
        // Native SQL: Hibernate translates a query with a list parameter afresh on every call (its
        // plan cache skips them), which was about half of this method's CPU time.
        if (!invoiceNumbers.isEmpty()) {
            rows(InvoiceExperience.class, "SELECT * FROM invoice_experience WHERE buyer_id IN (:buyers) AND invoice_number IN (:numbers)",
                    buyers, invoiceNumbers)
                    .forEach(i -> documents.invoices.put(key(i.buyerId, i.invoiceNumber), i));
            rows(PaymentAllocation.class, "SELECT * FROM payment_allocation WHERE buyer_id IN (:buyers) AND invoice_number IN (:numbers)"
                    + " AND status = 'PENDING'", buyers, invoiceNumbers)
                    .forEach(a -> documents.allocations.computeIfAbsent(key(a.buyerId, a.invoiceNumber), k -> new ArrayList<>()).add(a));
        }
        if (!paymentReferences.isEmpty()) {
            rows(ReceivedPayment.class, "SELECT * FROM received_payment WHERE buyer_id IN (:buyers) AND payment_reference IN (:numbers)",
                    buyers, paymentReferences)
                    .forEach(p -> documents.payments.put(key(p.buyerId, p.paymentReference), p));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> rows(Class<T> entity, String sql, Set<String> buyers, Set<String> numbers) {
        return em.createNativeQuery(sql, entity).setParameter("buyers", buyers).setParameter("numbers", numbers).getResultList();
    }

    Optional<InvoiceExperience> invoice(String buyerId, String invoiceNumber) {
        Documents documents = documents();
        String key = key(buyerId, invoiceNumber);
        if (documents.invoicesRead.contains(key)) {
            return Optional.ofNullable(documents.invoices.get(key));
        }
        return InvoiceExperience.of(buyerId, invoiceNumber);
    }

    void added(InvoiceExperience invoice) {
        documents().invoices.put(key(invoice.buyerId, invoice.invoiceNumber), invoice);
    }

    Optional<ReceivedPayment> payment(String buyerId, String paymentReference) {
        Documents documents = documents();
        String key = key(buyerId, paymentReference);
        if (documents.paymentsRead.contains(key)) {
            return Optional.ofNullable(documents.payments.get(key));
        }
        return ReceivedPayment.of(buyerId, paymentReference);
    }

    void added(ReceivedPayment payment) {
        documents().payments.put(key(payment.buyerId, payment.paymentReference), payment);
    }

    /** Allocations waiting for this invoice, in the order the money was received. */
    List<PaymentAllocation> pendingFor(String buyerId, String invoiceNumber) {
        Documents documents = documents();
        String key = key(buyerId, invoiceNumber);
        if (!documents.invoicesRead.contains(key)) {
            return PaymentAllocation.pendingFor(buyerId, invoiceNumber);
        }
        return documents.allocations.getOrDefault(key, List.of()).stream()
                .filter(a -> a.status == PaymentAllocation.Status.PENDING)
                .sorted(Comparator.comparing((PaymentAllocation a) -> a.receivedOn).thenComparing(a -> a.id))
                .toList();
    }

    void added(PaymentAllocation allocation) {
        documents().allocations.computeIfAbsent(key(allocation.buyerId, allocation.invoiceNumber), k -> new ArrayList<>()).add(allocation);
    }

    private Documents documents() {
        Documents documents = (Documents) transaction.getResource(KEY);
        if (documents == null) {
            documents = new Documents();
            transaction.putResource(KEY, documents);
        }
        return documents;
    }

    private static String key(String buyerId, String number) {
        return buyerId + '\u0000' + number;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static final class Documents {
        final Set<String> invoicesRead = new HashSet<>();
        final Set<String> paymentsRead = new HashSet<>();
        final Map<String, InvoiceExperience> invoices = new HashMap<>();
        final Map<String, ReceivedPayment> payments = new HashMap<>();
        final Map<String, List<PaymentAllocation>> allocations = new HashMap<>();
    }
}
