#!/usr/bin/env bash
# Times the portfolio aging statement of AgingReport on PostgreSQL over a seeded ledger:
# INVOICES open items over BUYERS buyers, half of them partly paid, 1 in 20 disputed.
# Uses a throw-away database (collections_bench) that is dropped at the end.
# Usage: collections-service/bench/aging-sql.sh [INVOICES] [BUYERS]     (PGHOST/PGPORT/PGUSER as for the tests)
set -euo pipefail
INVOICES=${1:-1000000}
BUYERS=${2:-50000}
DB=collections_bench
HERE=$(cd "$(dirname "$0")" && pwd)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
trap 'psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB"' EXIT
for migration in "$HERE"/../src/main/resources/db/migration/V*.sql; do
  psql -q -v ON_ERROR_STOP=1 -d $DB -f "$migration"
done
echo "seeding $INVOICES invoices over $BUYERS buyers"
psql -q -v ON_ERROR_STOP=1 -d $DB <<SQL
INSERT INTO open_item (invoice_number, buyer_id, currency, amount, issue_date, due_date)
SELECT 'INV-' || i, 'B-' || (i % $BUYERS), CASE WHEN i % 10 = 0 THEN 'USD' ELSE 'EUR' END,
       100 + (i % 9000), DATE '2026-01-01' + (i % 170), DATE '2026-01-31' + (i % 170)
FROM generate_series(1, $INVOICES) AS i;
INSERT INTO received_payment (payment_reference, buyer_id, currency, amount, unapplied_amount, received_on)
SELECT 'PAY-' || i, 'B-' || (i % $BUYERS), CASE WHEN i % 10 = 0 THEN 'USD' ELSE 'EUR' END, 50, 0, DATE '2026-02-15' + (i % 140)
FROM generate_series(2, $INVOICES, 2) AS i;
INSERT INTO payment_allocation (payment_reference, invoice_number, amount)
SELECT 'PAY-' || i, 'INV-' || i, 50 FROM generate_series(2, $INVOICES, 2) AS i;
UPDATE open_item SET paid_amount = 50 WHERE CAST(substr(invoice_number, 5) AS INTEGER) % 2 = 0;
INSERT INTO invoice_dispute (dispute_id, invoice_number, buyer_id, amount, reason, opened_on)
SELECT 'D-' || i, 'INV-' || i, 'B-' || (i % $BUYERS), 25, 'quality', DATE '2026-03-01'
FROM generate_series(20, $INVOICES, 20) AS i;
ANALYZE;
SQL
echo "portfolio aging as of 2026-06-30 (the statement AgingReport runs, buckets 30,60,90):"
psql -d $DB <<'SQL'
\timing on
SELECT x.currency, x.bucket, SUM(x.open_amount), SUM(LEAST(x.disputed, x.open_amount)), COUNT(*)
FROM (
  SELECT i.currency AS currency,
    CASE WHEN i.due_date >= DATE '2026-06-30' THEN 0 WHEN i.due_date >= DATE '2026-05-31' THEN 1
         WHEN i.due_date >= DATE '2026-05-01' THEN 2 WHEN i.due_date >= DATE '2026-04-01' THEN 3 ELSE 4 END AS bucket,
    i.amount - COALESCE(p.paid, 0) - COALESCE(c.credited, 0) - COALESCE(w.written_off, 0) AS open_amount,
    COALESCE(d.disputed, 0) AS disputed
  FROM open_item i
  LEFT JOIN (SELECT a.invoice_number, SUM(a.amount) AS paid FROM payment_allocation a
             JOIN received_payment r ON r.payment_reference = a.payment_reference
             WHERE r.received_on <= DATE '2026-06-30' GROUP BY a.invoice_number) p ON p.invoice_number = i.invoice_number
  LEFT JOIN (SELECT invoice_number, SUM(amount) AS credited FROM invoice_credit
             WHERE issued_on <= DATE '2026-06-30' GROUP BY invoice_number) c ON c.invoice_number = i.invoice_number
  LEFT JOIN (SELECT invoice_number, SUM(amount) AS written_off FROM invoice_write_off
             WHERE written_off_on <= DATE '2026-06-30' GROUP BY invoice_number) w ON w.invoice_number = i.invoice_number
  LEFT JOIN (SELECT invoice_number, SUM(amount) AS disputed FROM invoice_dispute
             WHERE opened_on <= DATE '2026-06-30' AND (resolved_on IS NULL OR resolved_on > DATE '2026-06-30')
             GROUP BY invoice_number) d ON d.invoice_number = i.invoice_number
  WHERE i.issue_date <= DATE '2026-06-30'
) x
WHERE x.open_amount > 0
GROUP BY x.currency, x.bucket
ORDER BY x.currency, x.bucket;
SQL
