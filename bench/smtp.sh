#!/usr/bin/env bash
# Benchmark: the product's sending through an SMTP relay beside a bare Jakarta Mail loop (issue 31).
#
# Side by side, on one machine, against the sandbox's SMTP relay (GreenMail, accepting everything)
# as its own process:
#   bare     a bare Jakarta Mail loop (bench/SmtpCeiling.java): CONNECTIONS threads, each over one
#            kept connection, sending the same rendered messages
#   product  a full `run` (load, render, send, settle, reconcile, report) of RECIPIENTS recipients
#            through an smtp account with CONNECTIONS connections and limits.concurrency CONNECTIONS,
#            rate unlimited, ledger on an H2 file, in -Xmx256m
# The product's row gives its sending rate (summary.json) and its ratio to the bare loop.
#
#   bench/smtp.sh [RECIPIENTS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-20000}
connections=${2:-8}
port=${BENCH_PORT:-18096}
work=$(mktemp -d)
sandbox_pid=
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
unzip -q "$jar" -d "$work/app"
commit=$(git rev-parse --short HEAD)

{ echo "email,name"; seq 1 "$recipients" | sed 's/.*/reader&@bench.example.com,Reader &/'; } > "$work/list.csv"
echo 'News for ${name}' > "$work/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/body.html.ftl"
cat > "$work/bench-smtp.yml" <<YAML
name: bench-smtp
channel: email
provider: relay
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 1000000/s, burst: 1000, concurrency: $connections, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 10s }
YAML

relay() { # a fresh sandbox relay (it keeps every message in memory); sets smtp_port
    [ -n "$sandbox_pid" ] && { kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; }
    SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -Xmx4g -jar "$jar" sandbox --port "$port" > "$work/sandbox.log" 2>&1 &
    sandbox_pid=$!
    until grep -q 'smtp relay: host' "$work/sandbox.log" 2>/dev/null; do sleep 0.2; done
    smtp_port=$(sed -n 's/.*smtp relay: host 127.0.0.1, port \([0-9]*\).*/\1/p' "$work/sandbox.log")
}

echo "== $recipients recipients, $connections connections, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)'), $(nproc) cores"
relay
java -cp "$work/app/BOOT-INF/classes:$work/app/BOOT-INF/lib/*" bench/SmtpCeiling.java 127.0.0.1 "$smtp_port" \
    "$work/list.csv" "$connections" > "$work/bare"
read -r _ _ bare_rate bare_failed < "$work/bare"
echo "bare $bare_rate/s ($bare_failed failed)"

relay
started=$(date +%s.%N)
SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/h2;WRITE_DELAY=0" CAMPAIGN_REPORTS_DIR="$work/reports" \
CAMPAIGN_PROVIDERS_RELAY_TYPE=smtp CAMPAIGN_PROVIDERS_RELAY_HOST=127.0.0.1 CAMPAIGN_PROVIDERS_RELAY_PORT="$smtp_port" \
CAMPAIGN_PROVIDERS_RELAY_SECURITY=none CAMPAIGN_PROVIDERS_RELAY_CONNECTIONS="$connections" CAMPAIGN_PROVIDERS_RELAY_RATE=unlimited \
    java -Xmx256m -jar "$jar" run "$work/bench-smtp.yml" > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
ended=$(date +%s.%N)
summary=$(cat "$work"/reports/bench-smtp/*/summary.json)
rate=$(echo "$summary" | sed -n 's/.*"attemptsPerSecond" : \([0-9.]*\).*/\1/p' | head -n 1)
accepted=$(echo "$summary" | tr -d '\n' | sed -n 's/.*"ACCEPTED" : \([0-9]*\).*/\1/p')
echo
printf '%-9s %12s %12s %9s %10s\n' "" "sending/s" "whole run/s" "ratio" "accepted"
printf '%-9s %12s %12s %9s %10s\n' bare "$bare_rate" "" 1 "$((recipients - bare_failed))"
printf '%-9s %12s %12s %9s %10s\n' product "$rate" "$(echo "scale=1; $recipients / ($ended - $started)" | bc)" \
    "$(echo "scale=3; $rate / $bare_rate" | bc)" "${accepted:-?}"
echo "(ratio: the product's sending rate to the bare loop's, over the same number of kept connections to the same relay)"
