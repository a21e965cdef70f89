-- Aging as of a date starts from each item's balances and takes back only the movements dated
-- after that date (AgingReport). These indexes find those movements without reading the tables:
-- for a report as of today there are none or few, so the report reads the open items alone.
CREATE INDEX received_payment_received_on ON received_payment (received_on);
CREATE INDEX payment_allocation_payment ON payment_allocation (payment_reference);
CREATE INDEX invoice_credit_issued_on ON invoice_credit (issued_on);
CREATE INDEX invoice_write_off_written_off_on ON invoice_write_off (written_off_on);
CREATE INDEX invoice_dispute_opened_on ON invoice_dispute (opened_on);
CREATE INDEX invoice_dispute_resolved_on ON invoice_dispute (resolved_on);

-- The dunning worker takes the items due for review a chunk at a time, in (review date, invoice
-- number) order: with both in the index, each chunk reads its 200 rows and no more.
DROP INDEX open_item_dunning_review;
CREATE INDEX open_item_dunning_review ON open_item (dunning_review_on, invoice_number);
