package io.creditcontrol.collections.intake;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the intake API answers for one document. */
@Schema(description = "The outcome for one document: ACCEPTED (published as an event) or DUPLICATE (already received; nothing changed).")
public record IntakeResult(
        IntakeDocument.Type documentType,
        String documentNumber,
        Status status,
        @Schema(description = "Id of the CloudEvent that announced the document (the original one for a duplicate).") String eventId) {

    public enum Status { ACCEPTED, DUPLICATE }

    public boolean isDuplicate() {
        return status == Status.DUPLICATE;
    }
}
