-- One row per buyer, locked while an event about that buyer is applied. The invoice and the
-- payment topics are consumed on different threads; without it, a payment and the invoice it
-- pays could be applied at the same moment and each miss the other.
CREATE TABLE event_subject_lock (
    subject VARCHAR(128) PRIMARY KEY
);
