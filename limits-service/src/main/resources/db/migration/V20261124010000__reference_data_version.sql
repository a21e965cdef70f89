-- A version number per kind of reference data the credit check keeps in memory (ReferenceData).
-- Every change of an FX rate increments 'fx-rates' in the same transaction; the credit check reads
-- the number with the buyer's facts (no extra round trip) and reloads its rates when it moved, so
-- every instance sees a committed rate change with its next check. Credit policy versions are
-- immutable and need no counter (the highest credit_policy.version is read the same way).
CREATE TABLE reference_data_version (
    name    VARCHAR(32) PRIMARY KEY,
    version BIGINT      NOT NULL
);
INSERT INTO reference_data_version (name, version) VALUES ('fx-rates', 1);
