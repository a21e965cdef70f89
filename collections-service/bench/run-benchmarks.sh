#!/usr/bin/env bash
# The issue's benchmark (docs/collections.md, "Benchmarks"): seeds INVOICES open invoices over
# BUYERS buyers into the test database collections_test$CREDIT_TEST_DB_SUFFIX (default suffix
# _bench; Flyway cleans it when the next test run starts) and measures, through the service's own
# code (LedgerBenchmark, an opt-in Quarkus test): the portfolio aging report over HTTP, the dunning
# worker's daily run, and the sustained rate of the NDJSON bulk import over HTTP.
# Usage: collections-service/bench/run-benchmarks.sh [INVOICES] [BUYERS]   (PGHOST/PGPORT/PGUSER as for the tests)
set -euo pipefail
INVOICES=${1:-1000000}
BUYERS=${2:-50000}
cd "$(dirname "$0")/../.."
export CREDIT_TEST_DB_SUFFIX=${CREDIT_TEST_DB_SUFFIX:-_bench}
RESULTS=collections-service/target/bench/ledger-benchmark.txt
rm -f "$RESULTS"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:-5432}" -U "${PGUSER:-postgres}" -d postgres -tAc 'SHOW server_version') PostgreSQL;" \
     "$(java -version 2>&1 | head -1)"
./mvnw -B -ntp -pl collections-service test -Dbench=true -Dtest=LedgerBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.invoices="$INVOICES" -Dbench.buyers="$BUYERS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$RESULTS"
