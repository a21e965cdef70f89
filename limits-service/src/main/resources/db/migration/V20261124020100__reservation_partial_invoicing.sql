-- An order is often invoiced in parts (partial deliveries): each invoice with the order's reference
-- consumes only its own amount of the hold (converted into the hold's currency), the rest stays
-- reserved (and still expires or can be released) until the hold is used up. invoiced_amount is
-- the part consumed so far (never above amount); the exposure row holds amount - invoiced_amount.
ALTER TABLE credit_reservation ADD COLUMN invoiced_amount NUMERIC(19, 4) DEFAULT 0 NOT NULL;
UPDATE credit_reservation SET invoiced_amount = amount WHERE status = 'INVOICED';
