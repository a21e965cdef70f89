-- What collections knows of a buyer beyond its invoices: the grade (credit.scores.v1) and the
-- segment (credit.buyers.v1), which choose its collection strategy and weigh its worklist priority.
CREATE TABLE buyer_profile (
    buyer_id VARCHAR(64)  PRIMARY KEY,
    name     VARCHAR(256),
    segment  VARCHAR(64),
    grade    INTEGER,
    -- set through the API when the buyer's receivables are covered by a credit insurance policy
    insurer       VARCHAR(128),
    policy_number VARCHAR(64)
);
