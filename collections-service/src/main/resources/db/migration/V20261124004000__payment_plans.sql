-- Payment plans: an overdue invoice paid in instalments. open_at_plan is what was open when the
-- plan was agreed; the plan is on track while the open amount has come down by at least the
-- instalments whose date has passed. One plan per invoice.
CREATE TABLE payment_plan (
    plan_id        VARCHAR(64)    PRIMARY KEY,
    buyer_id       VARCHAR(64)    NOT NULL,
    invoice_number VARCHAR(64)    NOT NULL UNIQUE REFERENCES open_item (invoice_number),
    currency       VARCHAR(3)     NOT NULL,
    agreed_on      DATE           NOT NULL,
    agreed_by      VARCHAR(128)   NOT NULL,
    open_at_plan   NUMERIC(19, 4) NOT NULL,
    status         VARCHAR(16)    NOT NULL,
    settled_on     DATE
);

CREATE TABLE payment_plan_instalment (
    plan_id  VARCHAR(64)    NOT NULL REFERENCES payment_plan (plan_id),
    seq      INTEGER        NOT NULL,
    due_date DATE           NOT NULL,
    amount   NUMERIC(19, 4) NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
