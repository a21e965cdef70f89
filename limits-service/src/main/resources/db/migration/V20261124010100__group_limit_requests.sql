-- Group limits change by maker-checker, like buyers' limits: an analyst requests, a different
-- approver approves (the group limit takes effect) or rejects. The group limit keeps who asked.
CREATE TABLE group_limit_request (
    id               VARCHAR(36)    PRIMARY KEY,
    parent_id        VARCHAR(64)    NOT NULL,
    amount           NUMERIC(19, 4) NOT NULL,
    currency         VARCHAR(3)     NOT NULL,
    reason           VARCHAR(512)   NOT NULL,
    -- PENDING, APPROVED, REJECTED
    status           VARCHAR(16)    NOT NULL,
    requested_by     VARCHAR(64)    NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by       VARCHAR(64),
    decided_at       TIMESTAMP WITH TIME ZONE,
    decision_comment VARCHAR(512)
);
CREATE INDEX group_limit_request_parent ON group_limit_request (parent_id, status);

ALTER TABLE group_limit ADD COLUMN requested_by VARCHAR(64);
