#!/usr/bin/env bash
# Benchmark: loading and rendering a large list in constant memory.
#
# Writes a list of 1,000,000 rows (about 1% invalid addresses and 1% duplicates), then runs the
# welcome-email campaign on it as a dry run (`run --dry-run`: validate, load every row into the
# ledger, render every message, write the report; nothing is sent) in a JVM capped at -Xmx256m,
# on a fresh H2 file database. Prints rows per second of the load and render steps (from the
# run's own log) and the peak heap in use (from the GC log).
#
#   bench/load-render.sh [ROWS] [HEAP]
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
heap=${2:-256m}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)

awk -v rows="$rows" 'BEGIN {
    print "email,first_name,last_name,plan,city,start_date";
    for (i = 1; i <= rows; i++) {
        email = "reader" i "@example.com";
        if (i % 100 == 7) email = "reader" i "-at-example.com";       # invalid
        if (i % 100 == 9) email = "reader" (i - 1) "@example.com";    # duplicate of the row before
        printf "%s,Reader%d,Number %d,%s,%s,2027-01-%02d\n", email, i, i, (i % 3 ? "Plus" : "Basic"), (i % 5 ? "Utrecht" : ""), i % 28 + 1;
    }
}' > "$work/list.csv"
echo "list: $rows rows, $(du -h "$work/list.csv" | cut -f1)"

start=$(date +%s.%N)
SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/campaign;WRITE_DELAY=0" CAMPAIGN_REPORTS_DIR="$work/reports" \
    java -Xmx"$heap" -Xlog:gc:file="$work/gc.log" -jar "$jar" run jobs/welcome-email.yml \
    --recipients "$work/list.csv" --dry-run | tee "$work/run.log"
end=$(date +%s.%N)

peak=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$work/gc.log" | sort -n | tail -n 1)
live=$(sed -n 's/.* [0-9]*M->\([0-9]*\)M(.*/\1/p' "$work/gc.log" | sort -n | tail -n 1)
echo
grep -o 'loadStep: .*' "$work/run.log" | sed 's/^/load:    /'
grep -o 'sendStep: .*' "$work/run.log" | sed 's/^/render:  /'
echo "peak heap in use: ${peak:-?} MB before a collection, ${live:-?} MB at most after one (of -Xmx$heap, $(grep -c 'Pause' "$work/gc.log") GC pauses)"
echo "whole dry run: $(echo "$end - $start" | bc) s wall clock, JVM start and report included"
