-- A payment plan may cover several overdue invoices of one buyer in one currency. The plan's
-- invoices, oldest first (due date, issue date, invoice number: the order unallocated cash is
-- applied in): the instalments are applied to them in that order, each invoice taking its
-- planned_amount (its undisputed open amount when the plan was agreed). payment_plan keeps the
-- oldest as invoice_number and the plan's total open amount as open_at_plan. An invoice is on
-- one plan at most, ever (as before).
-- escalation_due: the plan broke while this invoice was not the one under review; the worker
-- escalates its sequence (as after a broken promise) when it next reviews it, then clears it.
CREATE TABLE payment_plan_invoice (
    plan_id        VARCHAR(64)    NOT NULL REFERENCES payment_plan (plan_id),
    invoice_number VARCHAR(64)    NOT NULL UNIQUE REFERENCES open_item (invoice_number),
    position       INTEGER        NOT NULL,
    planned_amount NUMERIC(19, 4) NOT NULL,
    open_at_plan   NUMERIC(19, 4) NOT NULL,
    escalation_due BOOLEAN        NOT NULL DEFAULT FALSE,
    PRIMARY KEY (plan_id, invoice_number)
);

-- The plans agreed so far each cover one invoice, which takes the whole plan.
INSERT INTO payment_plan_invoice (plan_id, invoice_number, position, planned_amount, open_at_plan, escalation_due)
SELECT p.plan_id, p.invoice_number, 1,
       (SELECT SUM(i.amount) FROM payment_plan_instalment i WHERE i.plan_id = p.plan_id),
       p.open_at_plan, FALSE
  FROM payment_plan p;

