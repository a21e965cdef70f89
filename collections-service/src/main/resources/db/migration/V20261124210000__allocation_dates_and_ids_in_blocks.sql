-- Aging and the reports as of a past date read the payments received after (or up to) that date.
-- They joined received_payment (the date) to payment_allocation (the invoice and amount): two
-- tables of a row per payment each. An allocation now carries its payment's received date (a
-- fact of the payment, never changed), so that reading is one range of one index, which holds
-- every column it needs (PostgreSQL answers it from the index alone).
ALTER TABLE payment_allocation ADD COLUMN received_on DATE;
UPDATE payment_allocation SET received_on =
    (SELECT r.received_on FROM received_payment r WHERE r.payment_reference = payment_allocation.payment_reference);
ALTER TABLE payment_allocation ALTER COLUMN received_on SET NOT NULL;
CREATE INDEX payment_allocation_received_on ON payment_allocation (received_on, invoice_number, amount);

-- The same for credit notes and write-offs: their date index holds the invoice and the amount.
DROP INDEX invoice_credit_issued_on;
CREATE INDEX invoice_credit_issued_on ON invoice_credit (issued_on, invoice_number, amount);
DROP INDEX invoice_write_off_written_off_on;
CREATE INDEX invoice_write_off_written_off_on ON invoice_write_off (written_off_on, invoice_number, amount);

-- The ledger's consumer writes a poll's allocations in JDBC batches; an identity column cannot be
-- batched (each row is sent alone to learn its id), so the ids come from a sequence handing out
-- blocks of 50, as for dunning steps (V20261124200100).
ALTER TABLE payment_allocation ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE payment_allocation_ids START WITH 1000000050 INCREMENT BY 50;
ALTER TABLE payment_allocation ALTER COLUMN id SET DEFAULT nextval('payment_allocation_ids');
