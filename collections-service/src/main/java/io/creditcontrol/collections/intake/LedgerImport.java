package io.creditcontrol.collections.intake;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.creditcontrol.collections.intake.IntakeRequests.IssueCreditNoteRequest;
import io.creditcontrol.collections.intake.IntakeRequests.IssueInvoiceRequest;
import io.creditcontrol.collections.intake.IntakeRequests.OpenDisputeRequest;
import io.creditcontrol.collections.intake.IntakeRequests.RecordPaymentRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Bulk import of a historical ledger (NDJSON or CSV). Each row goes through the same intake as
 * the single-document API, so duplicates and bad rows are handled the same way; good rows are
 * committed in chunks, bad rows are reported one by one with their field errors and change
 * nothing.
 */
@ApplicationScoped
public class LedgerImport {

    private static final Logger LOG = Logger.getLogger(LedgerImport.class);

    /** CSV columns, for the documentation and the header check. */
    public static final List<String> CSV_COLUMNS = List.of(
            "type", "buyerId", "documentNumber", "invoiceNumber", "date", "dueDate", "amount", "currency", "orderReference");

    /** Request fields as CSV columns, so a CSV row's errors name the CSV's own columns. */
    private static final Map<String, String> CSV_FIELD_NAMES = Map.of(
            "invoiceNumber@invoice", "documentNumber",
            "issueDate", "date",
            "receivedOn", "date",
            "openedOn", "date",
            "paymentReference", "documentNumber",
            "creditNoteNumber", "documentNumber",
            "disputeId", "documentNumber",
            "allocations[0].invoiceNumber", "invoiceNumber",
            "allocations[0].amount", "amount");

    private final ReceivablesIntake intake;
    private final Validator validator;
    private final ObjectMapper mapper;
    private final int maxRows;
    private final int chunkSize;

    LedgerImport(ReceivablesIntake intake, Validator validator, ObjectMapper mapper,
            @ConfigProperty(name = "credit.intake.max-import-rows") int maxRows,
            @ConfigProperty(name = "credit.intake.import-chunk-size") int chunkSize) {
        this.intake = intake;
        this.validator = validator;
        this.mapper = mapper;
        this.maxRows = maxRows;
        this.chunkSize = chunkSize;
    }

    public record RowViolation(String field, String message) {
    }

    public enum RowStatus { ACCEPTED, DUPLICATE, REJECTED, NOT_IMPORTED }

    /** A row that was not simply accepted: its 1-based line number (after the CSV header) and why. */
    public record RowOutcome(int row, String documentNumber, RowStatus status, List<RowViolation> violations) {
    }

    public record ImportReport(int rows, int accepted, int duplicates, int rejected, int notImported, List<RowOutcome> problems) {
    }

    /** Thrown when the file as a whole cannot be imported; nothing was imported. */
    public static class UnreadableImportException extends RuntimeException {
        public UnreadableImportException(String message) {
            super(message);
        }
    }

    public ImportReport importNdjson(String body) {
        List<Row> rows = new ArrayList<>();
        int line = 0;
        for (String text : body.split("\r?\n")) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            checkRowCount(rows.size() + 1);
            try {
                JsonNode node = mapper.readTree(text);
                rows.add(node != null && node.isObject() ? new Row(line, (ObjectNode) node, false) : Row.unreadable(line, "not a JSON object"));
            } catch (IOException e) {
                rows.add(Row.unreadable(line, "malformed JSON"));
            }
        }
        return importRows(rows);
    }

    public ImportReport importCsv(String body) {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = csv.readerFor(Map.class).with(schema).readValues(body)) {
            int line = 0;
            while (it.hasNext()) {
                line++;
                Map<String, String> values = it.next();
                if (line == 1) {
                    List<String> missing = List.of("type", "buyerId", "documentNumber", "date", "amount", "currency").stream()
                            .filter(c -> !values.containsKey(c)).toList();
                    if (!missing.isEmpty()) {
                        throw new UnreadableImportException("CSV header lacks column(s) " + missing + "; expected " + CSV_COLUMNS);
                    }
                }
                checkRowCount(line);
                rows.add(new Row(line, csvRowAsJson(values), true));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnreadableImportException unreadable) {
                throw unreadable;
            }
            throw new UnreadableImportException("CSV could not be read: " + e.getMessage());
        }
        return importRows(rows);
    }

    private void checkRowCount(int rows) {
        if (rows > maxRows) {
            throw new UnreadableImportException("An import may hold at most " + maxRows + " rows; split the file");
        }
    }

    private ImportReport importRows(List<Row> rows) {
        List<RowOutcome> problems = new ArrayList<>();
        int accepted = 0;
        int duplicates = 0;
        for (int start = 0; start < rows.size(); start += chunkSize) {
            List<Row> chunk = rows.subList(start, Math.min(rows.size(), start + chunkSize));
            List<RowOutcome> chunkOutcomes = new ArrayList<>();
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    for (Row row : chunk) {
                        chunkOutcomes.add(importRow(row));
                    }
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "Import chunk of rows %d-%d failed; none of them was imported", chunk.get(0).line, chunk.get(chunk.size() - 1).line);
                chunkOutcomes.clear();
                for (Row row : chunk) {
                    chunkOutcomes.add(new RowOutcome(row.line, row.documentNumber(), RowStatus.NOT_IMPORTED,
                            List.of(new RowViolation("row", "not imported because the database refused its chunk; send the row again"))));
                }
            }
            for (RowOutcome outcome : chunkOutcomes) {
                switch (outcome.status()) {
                    case ACCEPTED -> accepted++;
                    case DUPLICATE -> {
                        duplicates++;
                        problems.add(outcome);
                    }
                    default -> problems.add(outcome);
                }
            }
        }
        int rejected = (int) problems.stream().filter(p -> p.status() == RowStatus.REJECTED).count();
        int notImported = (int) problems.stream().filter(p -> p.status() == RowStatus.NOT_IMPORTED).count();
        return new ImportReport(rows.size(), accepted, duplicates, rejected, notImported, problems);
    }

    private RowOutcome importRow(Row row) {
        if (row.unreadableReason != null) {
            return row.rejected(List.of(new RowViolation("row", row.unreadableReason)));
        }
        String type = row.json.path("type").asText("");
        try {
            IntakeResult result = switch (type) {
                case "invoice" -> intake.issueInvoice(valid(row, IssueInvoiceRequest.class, "invoice"));
                case "payment" -> intake.recordPayment(valid(row, RecordPaymentRequest.class, "payment"));
                case "credit-note" -> intake.issueCreditNote(valid(row, IssueCreditNoteRequest.class, "credit-note"));
                case "dispute" -> intake.openDispute(valid(row, OpenDisputeRequest.class, "dispute"));
                default -> throw new RowRejected(List.of(new RowViolation("type", "must be one of invoice, payment, credit-note, dispute")));
            };
            return new RowOutcome(row.line, row.documentNumber(), result.isDuplicate() ? RowStatus.DUPLICATE : RowStatus.ACCEPTED, List.of());
        } catch (RowRejected e) {
            return row.rejected(e.violations);
        } catch (IntakeRejectedException e) {
            String field = e.field() == null ? "documentNumber" : row.fieldName(e.field(), type);
            return row.rejected(List.of(new RowViolation(field, e.getMessage())));
        }
    }

    private <T> T valid(Row row, Class<T> type, String rowType) {
        ObjectNode fields = row.json.deepCopy();
        fields.remove("type");
        T request;
        try {
            request = mapper.treeToValue(fields, type);
        } catch (IOException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()
                    ? mapping.getPath().get(mapping.getPath().size() - 1).getFieldName() : "row";
            throw new RowRejected(List.of(new RowViolation(row.fieldName(field == null ? "row" : field, rowType), "has the wrong format")));
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new RowRejected(violations.stream()
                    .map(v -> new RowViolation(row.fieldName(v.getPropertyPath().toString(), rowType), v.getMessage()))
                    .sorted(Comparator.comparing(RowViolation::field))
                    .toList());
        }
        return request;
    }

    /** A CSV row in the shape of the NDJSON/API request for its type. */
    private ObjectNode csvRowAsJson(Map<String, String> values) {
        ObjectNode json = mapper.createObjectNode();
        String type = blankToNull(values.get("type"));
        json.put("type", type);
        json.put("buyerId", blankToNull(values.get("buyerId")));
        String documentNumber = blankToNull(values.get("documentNumber"));
        String invoiceNumber = blankToNull(values.get("invoiceNumber"));
        String date = blankToNull(values.get("date"));
        String amount = blankToNull(values.get("amount"));
        json.put("amount", amount);
        json.put("currency", blankToNull(values.get("currency")));
        switch (type == null ? "" : type) {
            case "invoice" -> {
                json.put("invoiceNumber", documentNumber);
                json.put("issueDate", date);
                json.put("dueDate", blankToNull(values.get("dueDate")));
                json.put("orderReference", blankToNull(values.get("orderReference")));
            }
            case "payment" -> {
                json.put("paymentReference", documentNumber);
                json.put("receivedOn", date);
                if (invoiceNumber != null) {
                    json.putArray("allocations").addObject().put("invoiceNumber", invoiceNumber).put("amount", amount);
                }
            }
            case "credit-note" -> {
                json.put("creditNoteNumber", documentNumber);
                json.put("invoiceNumber", invoiceNumber);
                json.put("issueDate", date);
            }
            default -> json.put("documentNumber", documentNumber);
        }
        return json;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static final class RowRejected extends RuntimeException {
        final List<RowViolation> violations;

        RowRejected(List<RowViolation> violations) {
            super(null, null, false, false);
            this.violations = violations;
        }
    }

    private record Row(int line, ObjectNode json, boolean csv, String unreadableReason) {

        Row(int line, ObjectNode json, boolean csv) {
            this(line, json, csv, null);
        }

        static Row unreadable(int line, String reason) {
            return new Row(line, null, false, reason);
        }

        String documentNumber() {
            if (json == null) {
                return null;
            }
            for (String field : List.of("invoiceNumber", "paymentReference", "creditNoteNumber", "disputeId", "documentNumber")) {
                if (json.hasNonNull(field) && !(field.equals("invoiceNumber") && json.hasNonNull("creditNoteNumber"))) {
                    return json.get(field).asText();
                }
            }
            return null;
        }

        RowOutcome rejected(List<RowViolation> violations) {
            return new RowOutcome(line, documentNumber(), RowStatus.REJECTED, violations);
        }

        /** The name the sender used for a field: a CSV column for CSV rows, the JSON field otherwise. */
        String fieldName(String requestField, String rowType) {
            if (!csv) {
                return requestField;
            }
            String byType = CSV_FIELD_NAMES.get(requestField + "@" + rowType);
            if (byType != null) {
                return byType;
            }
            return CSV_FIELD_NAMES.getOrDefault(requestField, requestField);
        }
    }
}
