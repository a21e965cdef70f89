-- credit_decision_buyer (buyer_id, decided_at) had no reader: decisions are read by id and by
-- idempotency key only (both unique, each with its own index). Every credit check paid for
-- maintaining it (one more index entry and its WAL per decision; docs/performance.md).
DROP INDEX credit_decision_buyer;
