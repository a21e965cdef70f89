-- The dunning worker writes a chunk's steps and letters in JDBC batches. An identity column cannot
-- be batched (each row is sent alone to learn its id), so their ids now come from sequences that
-- hand out blocks of 50 (Hibernate's pooled optimizer: the value v stands for ids v-49 .. v).
-- The identity columns gave ids from 1 up; the sequences start above 1,000,000,000 so that no
-- block meets one of those (at 50,000 steps a day that is some 55 years of steps). A row inserted
-- by SQL without an id takes the next value, which no block includes.
ALTER TABLE dunning_step ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE dunning_step_ids START WITH 1000000050 INCREMENT BY 50;
ALTER TABLE dunning_step ALTER COLUMN id SET DEFAULT nextval('dunning_step_ids');

ALTER TABLE dunning_letter ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE dunning_letter_ids START WITH 1000000050 INCREMENT BY 50;
ALTER TABLE dunning_letter ALTER COLUMN id SET DEFAULT nextval('dunning_letter_ids');
