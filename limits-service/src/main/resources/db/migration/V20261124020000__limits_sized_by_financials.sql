-- Credit limits sized by the buyer's revenue or equity (issue 4). A grade's maximum for a buyer is
-- the lowest of the bounds the grade sets: an absolute amount, a share of the latest revenue, a
-- share of the latest book equity (limits-service/README.md, "How big a limit the policy allows").
-- Portable SQL: runs on PostgreSQL and on H2 (PostgreSQL mode).

-- Every bound is optional now; a grade within the policy's worst grade for credit needs at least one
-- (checked by the policy API). Version 1 keeps its absolute bounds and no shares: as audited.
ALTER TABLE credit_policy_grade ALTER COLUMN max_limit DROP NOT NULL;
-- decimal fractions, 0 < share <= 1 (0.05 = 5 % of the revenue)
ALTER TABLE credit_policy_grade ADD COLUMN max_share_of_revenue NUMERIC(7, 6);
ALTER TABLE credit_policy_grade ADD COLUMN max_share_of_equity NUMERIC(7, 6);

-- Buyers without a usable statement (none, too old, or in a currency without FX rate): the grade's
-- maximum is capped at this (policy currency) as well; NULL = the absolute bound alone.
ALTER TABLE credit_policy ADD COLUMN max_limit_without_financials NUMERIC(19, 4);
-- A statement whose period ended more than this many months ago counts as missing.
ALTER TABLE credit_policy ADD COLUMN statement_max_age_months INTEGER DEFAULT 18 NOT NULL;

-- The latest financial statement of each buyer (credit.buyer.financial-statement-reported), by
-- period end: an older statement changes nothing; the same period again with other figures is a
-- restatement and replaces it. Only what sizes limits is kept; scoring keeps the rest.
CREATE TABLE buyer_financial_statement (
    buyer_id     VARCHAR(64)    PRIMARY KEY,
    period_end   DATE           NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    revenue      NUMERIC(19, 4) NOT NULL,
    -- may be negative (accumulated losses above the capital): the equity-based bound is then 0
    book_equity  NUMERIC(19, 4) NOT NULL,
    -- the event that brought it (CloudEvents source and id), for the audit trail
    event_source VARCHAR(256)   NOT NULL,
    event_id     VARCHAR(256)   NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Which bound a limit rests on: ABSOLUTE, REVENUE_SHARE, EQUITY_SHARE, NO_FINANCIALS (the grade
-- has share bounds but no usable statement was known), MANUAL (an analyst's limit, maker-checker).
ALTER TABLE credit_limit ADD COLUMN limit_basis VARCHAR(16);
ALTER TABLE credit_limit_history ADD COLUMN limit_basis VARCHAR(16);
UPDATE credit_limit SET limit_basis = CASE WHEN source = 'MANUAL' THEN 'MANUAL' ELSE 'ABSOLUTE' END;
UPDATE credit_limit_history SET limit_basis = CASE WHEN source = 'MANUAL' THEN 'MANUAL' ELSE 'ABSOLUTE' END;
-- ... and each decision: the limit's basis, or INSURANCE_COVER when the insurer's cover capped it.
ALTER TABLE credit_decision ADD COLUMN limit_basis VARCHAR(16);

-- The default policy, version 2 (version 1 stays as it was, for the audit trail and the decisions
-- that name it). Same terms, security and order rules as version 1; the maximum limit per grade is
-- the lowest of: an absolute cap (concentration on one buyer), a share of the buyer's revenue and a
-- share of its book equity. Buyers without a usable statement get at most 100,000 EUR. Calibrated
-- against the simulator's buyers (README, "The default policy, version 2").
INSERT INTO credit_policy (version, currency, worst_grade_for_credit, max_order_value, refer_overdue_days,
        block_overdue_days, review_interval_days, reservation_hours, created_by, created_at, reason,
        max_limit_without_financials, statement_max_age_months)
    VALUES (2, 'EUR', 8, 250000.0000, 30, 90, 365, 72, 'system', TIMESTAMP WITH TIME ZONE '2026-11-24 02:00:00+00',
        'Limits sized by the buyer''s revenue and equity (issue 4): absolute caps raised for large buyers, shares of revenue and equity keep small and weak buyers tight',
        100000.0000, 18);
INSERT INTO credit_policy_grade (policy_version, grade, max_limit, max_share_of_revenue, max_share_of_equity,
        payment_terms_days, required_security) VALUES
    (2, 1, 10000000.0000, 0.100000, 0.300000, 90, 'NONE'),
    (2, 2,  8000000.0000, 0.080000, 0.250000, 90, 'NONE'),
    (2, 3,  6000000.0000, 0.060000, 0.200000, 60, 'NONE'),
    (2, 4,  5000000.0000, 0.050000, 0.200000, 60, 'NONE'),
    (2, 5,  3000000.0000, 0.040000, 0.150000, 60, 'NONE'),
    (2, 6,   750000.0000, 0.020000, 0.080000, 30, 'GUARANTEE'),
    (2, 7,   100000.0000, 0.010000, 0.040000, 30, 'LETTER_OF_CREDIT'),
    (2, 8,    10000.0000, 0.005000, 0.020000, 30, 'PREPAYMENT'),
    (2, 9,        0.0000, NULL,     NULL,      0, 'PREPAYMENT'),
    (2, 10,       0.0000, NULL,     NULL,      0, 'PREPAYMENT');
