-- A referred or blocked order waits in a decision case until an analyst releases it (the order
-- then reserves its amount) or rejects it; who, when and why are kept with the case.
CREATE TABLE decision_case (
    id              VARCHAR(36)    PRIMARY KEY,
    decision_id     VARCHAR(36)    NOT NULL UNIQUE,
    buyer_id        VARCHAR(64)    NOT NULL,
    order_reference VARCHAR(64)    NOT NULL,
    -- OPEN, RELEASED, REJECTED
    status          VARCHAR(16)    NOT NULL,
    opened_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by      VARCHAR(64),
    decided_at      TIMESTAMP WITH TIME ZONE,
    decision_comment VARCHAR(512),
    reservation_id  VARCHAR(36)
);
CREATE INDEX decision_case_status ON decision_case (status, opened_at);

-- The credit insurer's approved cover for a buyer. While valid, the effective limit is the
-- internal limit capped at cover + the uninsured tolerance (README, "Insurance cover").
CREATE TABLE insurance_cover (
    buyer_id      VARCHAR(64)    PRIMARY KEY,
    amount        NUMERIC(19, 4) NOT NULL,
    currency      VARCHAR(3)     NOT NULL,
    valid_from    DATE           NOT NULL,
    valid_to      DATE           NOT NULL,
    insurer       VARCHAR(128)   NOT NULL,
    policy_number VARCHAR(64)    NOT NULL,
    recorded_by   VARCHAR(64)    NOT NULL,
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The case a referred or blocked decision opened, so the answer to the ERP can name it.
ALTER TABLE credit_decision ADD COLUMN case_id VARCHAR(36);
