-- Audit (issue 7): who submitted a fact through the API, from the authenticated principal carried
-- in the event's optional data.submittedBy. Null for facts from other producers.
ALTER TABLE buyer_profile ADD COLUMN updated_by VARCHAR(256);
ALTER TABLE financial_statement ADD COLUMN submitted_by VARCHAR(256);
ALTER TABLE risk_signal ADD COLUMN submitted_by VARCHAR(256);

-- Group risk: a buyer's regrade queues the buyers naming it as parent.
CREATE INDEX buyer_profile_parent ON buyer_profile (parent_id);
