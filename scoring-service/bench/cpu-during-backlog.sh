#!/bin/bash
# CPU seconds used by the benchmark JVM (per thread name), the benchmark database's backends, the Kafka broker
# and the whole machine while ScoringBenchmark consumes each of its two backlogs (docs/scoring.md, section 8). Start it, then the benchmark:
#   scoring-service/bench/cpu-during-backlog.sh & CREDIT_TEST_DB_SUFFIX=_hs ./mvnw -B -pl scoring-service verify -Dtest=ScoringBenchmark ...
# BENCH_DIR: the checkout the benchmark runs in (default: this one); the database is scoring_test${CREDIT_TEST_DB_SUFFIX}.
q() { psql -h 127.0.0.1 -U postgres -d scoring_test${CREDIT_TEST_DB_SUFFIX} -Atc "$1" 2>/dev/null; }
ticks() { local t=0; for p in "$@"; do s=$(awk '{print $14+$15}' /proc/$p/stat 2>/dev/null); t=$((t + ${s:-0})); done; echo $t; }
jvm=""
while [ -z "$jvm" ]; do sleep 1; for p in $(pgrep java); do [ "$(readlink /proc/$p/cwd)" = "${BENCH_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}/scoring-service" ] && tr '\0' ' ' < /proc/$p/cmdline | grep -q surefire && jvm=$p; done; done
# events applied: rows inserted into processed_event, from PostgreSQL's statistics (a COUNT(*) would
# itself cost more CPU the larger the table grows, and be measured as the service's)
n() { local c; c=$(q "select n_tup_ins from pg_stat_user_tables where relname = 'processed_event'"); echo ${c:-0}; }
until [ "$(n)" -eq 0 ]; do sleep 0.2; done      # Flyway's clean at the start
until [ "$(n)" -gt 0 ]; do sleep 0.1; done
pg=$(q "select string_agg(pid::text,' ') from pg_stat_activity where datname='scoring_test${CREDIT_TEST_DB_SUFFIX}'")
threads() { for t in /proc/$jvm/task/*; do echo "$(cat $t/comm 2>/dev/null | sed 's/[0-9]*$//;s/ /_/g') $(awk '{print $14+$15}' $t/stat 2>/dev/null)"; done | awk '{a[$1]+=$2} END {for (k in a) print k, a[k]}' | sort; }
broker=$(pgrep -f 'kafka.Kafka ' | head -1)
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9}' /proc/stat; }
# one window per backlog of 40,000 events: the first (cold JVM), then the warm ones (BACKLOGS: how many in all, default 3)
window=0
for target in $(seq 40000 40000 $((40000 * ${BACKLOGS:-3}))); do
  window=$((window + 1))
  pg=$(q "select string_agg(pid::text,' ') from pg_stat_activity where datname='scoring_test${CREDIT_TEST_DB_SUFFIX}'")
  threads > ${TMPDIR:-/tmp}/cpu-threads0.$$
  t0=$(date +%s.%N); j0=$(ticks $jvm); p0=$(ticks $pg); b0=$(ticks $broker); m0=$(busy); c0=$(n)
  until [ "$(n)" -ge $target ]; do sleep 0.5; done
  pg1=$(q "select string_agg(pid::text,' ') from pg_stat_activity where datname='scoring_test${CREDIT_TEST_DB_SUFFIX}'")
  new=$(for x in $pg1; do case " $pg " in *" $x "*) ;; *) echo $x;; esac; done)
  t1=$(date +%s.%N); j1=$(ticks $jvm); p1=$(( $(ticks $pg) + $(ticks $new) )); b1=$(ticks $broker); m1=$(busy); c1=$(n)
  hz=$(getconf CLK_TCK)
  threads > ${TMPDIR:-/tmp}/cpu-threads1.$$
  echo "backlog $window:"
  join -a2 -e0 -o 0,1.2,2.2 ${TMPDIR:-/tmp}/cpu-threads0.$$ ${TMPDIR:-/tmp}/cpu-threads1.$$ | awk -v hz=$hz '{d=($3-$2)/hz; if (d>0.1) printf "  %-28s %6.2f s\n", $1, d}' | sort -k2 -nr
  echo "jvm=$jvm pg=[$pg] broker=$broker events $c0 -> $c1 in $(echo "$t1 - $t0" | bc) s; JVM CPU $(echo "scale=2; ($j1-$j0)/$hz" | bc) s; PostgreSQL backends CPU $(echo "scale=2; ($p1-$p0)/$hz" | bc) s; Kafka broker CPU $(echo "scale=2; ($b1-$b0)/$hz" | bc) s; machine busy $(echo "scale=2; ($m1-$m0)/$hz" | bc) s; $(uptime)"
done
