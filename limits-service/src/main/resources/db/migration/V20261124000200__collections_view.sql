-- What collections-service reports about a buyer (credit.collections.v1), as the credit check needs it.

-- Collections recommended stopping deliveries: orders are blocked while the buyer still has
-- overdue items (the escalation lapses once everything overdue is paid).
CREATE TABLE buyer_collections (
    buyer_id                   VARCHAR(64)  PRIMARY KEY,
    supply_stop_recommended_on DATE         NOT NULL,
    supply_stop_reason         VARCHAR(512) NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Dunning steps executed after an invoice's due date: the invoice's dunning level.
CREATE TABLE invoice_dunning (
    buyer_id         VARCHAR(64) NOT NULL,
    invoice_number   VARCHAR(64) NOT NULL,
    dunning_level    INTEGER     NOT NULL,
    last_step        VARCHAR(128) NOT NULL,
    last_executed_on DATE        NOT NULL,
    PRIMARY KEY (buyer_id, invoice_number)
);
