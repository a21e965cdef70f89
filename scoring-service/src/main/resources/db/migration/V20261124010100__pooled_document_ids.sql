-- Ids of the documents a batch of records inserts (invoices, payments, allocations) come from
-- sequences handed out 50 at a time, so a batch's inserts go to the database in JDBC batches
-- (an identity column costs one round trip per row, before the insert can even be batched).
-- The columns keep their identity default; the sequences start far above any id it handed out.
CREATE SEQUENCE invoice_experience_seq START WITH 1000000000 INCREMENT BY 50;
CREATE SEQUENCE received_payment_seq START WITH 1000000000 INCREMENT BY 50;
CREATE SEQUENCE payment_allocation_seq START WITH 1000000000 INCREMENT BY 50;
