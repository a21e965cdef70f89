package io.creditcontrol.scoring.experience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    /** (buyer, number) pairs per query: two parameters each, well below the drivers' limits */
    private static final int PAIRS_PER_QUERY = 1000;

    private final TransactionSynchronizationRegistry transaction;
    private final EntityManager em;
    private final boolean lateral;

    DocumentCache(TransactionSynchronizationRegistry transaction, EntityManager em,
            @ConfigProperty(name = "quarkus.datasource.db-kind") String databaseKind) {
        this.transaction = transaction;
        this.em = em;
        // H2, for the local run only, has no LATERAL: it gets the plain join
        this.lateral = !"h2".equals(databaseKind);
    }

    /** Reads what the events of a batch refer to: invoice numbers, payment references, allocations' invoices. */
    public void prefetch(Collection<CloudEvent> events) {
        Set<List<String>> invoiceKeys = new LinkedHashSet<>();
        Set<List<String>> paymentKeys = new LinkedHashSet<>();
        Documents documents = documents();
        for (CloudEvent event : events) {
            JsonNode data = event.data();
            String buyer = event.subject();
            String invoice = text(data, "invoiceNumber");
            if (invoice != null) {
                invoiceKeys.add(List.of(buyer, invoice));
                documents.invoicesRead.add(key(buyer, invoice));
            }
            String payment = text(data, "paymentReference");
            if (payment != null) {
                paymentKeys.add(List.of(buyer, payment));
                documents.paymentsRead.add(key(buyer, payment));
            }
            JsonNode allocations = data.get("allocations");
            if (allocations != null && allocations.isArray()) {
                for (JsonNode allocation : allocations) {
                    String allocated = text(allocation, "invoiceNumber");
                    if (allocated != null) {
                        invoiceKeys.add(List.of(buyer, allocated));
                        documents.invoicesRead.add(key(buyer, allocated));
                    }
                }
            }
        }
        // Native SQL: Hibernate translates a query with a list parameter afresh on every call (its
        // plan cache skips them), which was about half of this method's CPU time. The documents are
        // asked for as (buyer, number) pairs, each looked up through its unique key by a LATERAL
        // subquery whose OFFSET 0 keeps the planner from flattening it into a join: "buyer IN (...)
        // AND number IN (...)", and a plain join with the pairs too, were answered with scans of the
        // whole table, whose cost grew with every event consumed (docs/scoring.md, section 8).
        rows(InvoiceExperience.class, "invoice_experience", "invoice_number", "", invoiceKeys)
                .forEach(i -> documents.invoices.put(key(i.buyerId, i.invoiceNumber), i));
        rows(PaymentAllocation.class, "payment_allocation", "invoice_number", " AND d.status = 'PENDING'", invoiceKeys)
                .forEach(a -> documents.allocations.computeIfAbsent(key(a.buyerId, a.invoiceNumber), k -> new ArrayList<>()).add(a));
        rows(ReceivedPayment.class, "received_payment", "payment_reference", "", paymentKeys)
                .forEach(p -> documents.payments.put(key(p.buyerId, p.paymentReference), p));
    }

    /**
     * The rows of {@code table} whose (buyer_id, {@code numberColumn}) is one of {@code pairs} (and
     * that match {@code condition}, on the alias {@code d}), {@link #PAIRS_PER_QUERY} pairs per statement.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> rows(Class<T> entity, String table, String numberColumn, String condition, Set<List<String>> pairs) {
        String sql = lateral
                ? "SELECT d.* FROM (VALUES %s) AS k(buyer_id, number) CROSS JOIN LATERAL (SELECT * FROM " + table + " d"
                        + " WHERE d.buyer_id = k.buyer_id AND d." + numberColumn + " = k.number" + condition + " OFFSET 0) AS d"
                : "SELECT d.* FROM " + table + " d JOIN (VALUES %s) AS k(buyer_id, number)"
                        + " ON d.buyer_id = k.buyer_id AND d." + numberColumn + " = k.number WHERE 1 = 1" + condition;
        List<List<String>> all = List.copyOf(pairs);
        List<T> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += PAIRS_PER_QUERY) {
            List<List<String>> chunk = all.subList(from, Math.min(all.size(), from + PAIRS_PER_QUERY));
            StringBuilder values = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                values.append(i == 0 ? "" : ", ").append("(?").append(2 * i + 1).append(", ?").append(2 * i + 2).append(')');
            }
            Query query = em.createNativeQuery(sql.formatted(values), entity);
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(2 * i + 1, chunk.get(i).get(0)).setParameter(2 * i + 2, chunk.get(i).get(1));
            }
            rows.addAll(query.getResultList());
        }
        return rows;
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
