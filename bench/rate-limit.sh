#!/usr/bin/env bash
# Benchmark: how close a run gets to its rate limit, and whether it ever trips the provider's.
#
# 20,000 recipients, limits.rate 200/s, against the sandbox run as a separate process with 20 ms
# latency per answer and its own limit of 200 creates per second (429 above it). Prints the
# achieved sending rate (requests per second while sending, from summary.json) as a fraction of
# the limit, and the number of 429 answers.
#
#   bench/rate-limit.sh [RECIPIENTS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-20000}
rate=${2:-200}
port=${BENCH_PORT:-18089}
work=$(mktemp -d)
trap 'kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)

{ echo "email,name"; seq 1 "$recipients" | sed 's/.*/reader&@bench.example.com,Reader &/'; } > "$work/list.csv"
echo 'News for ${name}' > "$work/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/body.html.ftl"
cat > "$work/bench.yml" <<YAML
name: rate-benchmark
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: ${rate}/s, burst: 20, concurrency: 16, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 1m }
YAML

SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -jar "$jar" sandbox --port "$port" --latency 20ms \
    --rate-limit "$rate" --token bench > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/v1.0/emails?page_size=1&token=bench"; do sleep 0.2; done

started=$(date +%s.%N)
SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/campaign;WRITE_DELAY=0" \
CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="http://127.0.0.1:$port/v1.0" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench \
CAMPAIGN_PROVIDERS_VOIPBIN_RATE=unlimited \
CAMPAIGN_REPORTS_DIR="$work/reports" java -jar "$jar" run "$work/bench.yml"
ended=$(date +%s.%N)

summary=$(cat "$work"/reports/rate-benchmark/*/summary.json)
field() { echo "$summary" | sed -n "s/.*\"$1\" : \([0-9.]*\).*/\1/p" | head -n 1; }
attempts=$(field attempts)
per_second=$(field attemptsPerSecond)
sending=$(field sendingSeconds)
limited=$(field rateLimited)
echo
echo "recipients:          $recipients"
echo "rate limit:          $rate/s (job and provider)"
echo "requests:            $attempts in ${sending} s of sending"
echo "achieved rate:       $per_second/s = $(echo "scale=3; $per_second / $rate" | bc) of the limit (target >= 0.95)"
echo "429 answers:         $limited (target 0)"
echo "whole run:           $(echo "$ended - $started" | bc) s wall clock, JVM start and reconcile included"
