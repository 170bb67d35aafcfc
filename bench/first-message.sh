#!/usr/bin/env bash
# The first message of a long list (issue 32, point 3): one full `run` of RECIPIENTS recipients
# against the sandbox (its own process, zero latency, rate unlimited), ledger on an H2 file, in
# -Xmx256m. From the ledger afterwards: when the process was started, when the job started, when
# the first message was sent, when the load ended; the sending rate, the whole run's rate and
# their ratio, the peak heap.
#
#   bench/first-message.sh [RECIPIENTS] [CONCURRENCY]      (default 2,000,000 and 16)
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-2000000}
concurrency=${2:-16}
port=${BENCH_PORT:-18096}
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
unzip -q -j "$jar" 'BOOT-INF/lib/h2-*.jar' -d "$work" # to read the ledger afterwards
commit=$(git rev-parse --short HEAD)

{ echo "email,name"; seq 1 "$recipients" | sed 's/.*/reader&@bench.example.com,Reader &/'; } > "$work/list.csv"
echo 'News for ${name}' > "$work/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/body.html.ftl"
cat > "$work/first.yml" <<YAML
name: first
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 1000000/s, burst: 1000, concurrency: $concurrency, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 2m }
YAML

SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -Xmx6g -Dsun.net.httpserver.maxIdleConnections=2000 -jar "$jar" \
    sandbox --port "$port" --token bench > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/v1.0/emails?page_size=1&token=bench"; do sleep 0.2; done

echo "== $recipients recipients, concurrency $concurrency, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)'), $(nproc) cores"
launched=$(date -u +%s.%N)
SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/h2;WRITE_DELAY=0" CAMPAIGN_PROVIDERS_VOIPBIN_RATE=unlimited \
CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="http://127.0.0.1:$port/v1.0" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench \
CAMPAIGN_REPORTS_DIR="$work/reports" TZ=UTC \
    java -Xmx256m -Xlog:gc:file="$work/gc.log" -jar "$jar" run "$work/first.yml" > "$work/run.log" 2>&1 \
    || { cat "$work/run.log" >&2; exit 1; }
ended=$(date -u +%s.%N)

epoch() { # an H2 timestamp (UTC) -> seconds since the epoch
    java -cp "$work"/h2-*.jar org.h2.tools.Shell -url "jdbc:h2:file:$work/db/h2" -user sa \
        -sql "SELECT DATEDIFF(MILLISECOND, TIMESTAMP '1970-01-01 00:00:00', ($1)) / 1000.0 AS t" | sed -n 2p | tr -d ' '
}
job_started=$(epoch "SELECT MIN(START_TIME) FROM BATCH_JOB_EXECUTION")
first_sent=$(epoch "SELECT MIN(sent_at) FROM recipient")
load_ended=$(epoch "SELECT MAX(END_TIME) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = 'loadStep'")
rate=$(sed -n 's/.*"attemptsPerSecond" : \([0-9.]*\).*/\1/p' "$work"/reports/first/*/summary.json | head -n 1)
whole=$(echo "scale=1; $recipients / ($ended - $launched)" | bc)
peak=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$work/gc.log" | sort -n | tail -n 1)
printf 'first message: %.2f s after the job started, %.2f s after the process was launched; load ended %.1f s after the job started\n' \
    "$(echo "$first_sent - $job_started" | bc)" "$(echo "$first_sent - $launched" | bc)" "$(echo "$load_ended - $job_started" | bc)"
echo "sending $rate/s, whole run $whole/s (launch to exit), whole/sent $(echo "scale=3; $whole / $rate" | bc), peak heap ${peak:-?} MB of 256"
grep -h 'StepTimer\|completed in\|accounted' "$work/run.log" | sed 's/^/  /'
