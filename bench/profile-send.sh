#!/usr/bin/env bash
# Where the send step's time goes (issue 32): one full `run` of RECIPIENTS recipients against the
# sandbox provider (its own process, zero latency, rate unlimited), ledger on an H2 file, recorded by
# JDK Flight Recorder (profile settings). Prints the process's CPU time per message, the hottest
# methods by execution samples, and where the recording is kept.
#
#   bench/profile-send.sh [RECIPIENTS] [CONCURRENCY]
#   BENCH_JFR_VIEWS="hot-methods allocation-by-site" bench/profile-send.sh   other views of JDK 21+'s `jfr view`
#   BENCH_JFR=0 bench/profile-send.sh                   no recording: the figures alone, without the recorder's cost
# One piece at a time, with the product's own settings:
#   BENCH_ACCOUNT_RATE=20000/s   an account budget (the shared bucket in the database) above what the run reaches
#   BENCH_WINDOW='{ from: "00:00", to: "23:59", zone: UTC }'   a send window that is open (its gate on every page)
#   BENCH_POLL=1h                the listing read while sending off (its first read comes after the run's sending)
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-200000}
concurrency=${2:-16}
port=${BENCH_PORT:-18097}
work=$(mktemp -d)
sandbox_pid=
cleanup() { [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true; }
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
commit=$(git rev-parse --short HEAD)
jfr=$(ls /usr/lib/jvm/*/bin/jfr 2>/dev/null | sort -V | tail -n 1) # `jfr view` is JDK 21's; it reads 17's recordings

{ echo "email,name"; seq 1 "$recipients" | sed 's/.*/reader&@bench.example.com,Reader &/'; } > "$work/list.csv"
echo 'News for ${name}' > "$work/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/body.html.ftl"
cat > "$work/profile.yml" <<YAML
name: profile
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 1000000/s, burst: 1000, concurrency: $concurrency, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: ${BENCH_POLL:-1s}, timeout: 2m }
YAML
[ -n "${BENCH_WINDOW:-}" ] && echo "send-window: $BENCH_WINDOW" >> "$work/profile.yml"

SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -Xmx4g -Dsun.net.httpserver.maxIdleConnections=2000 -jar "$jar" \
    sandbox --port "$port" --token bench > "$work/sandbox.log" 2>&1 &
sandbox_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/v1.0/emails?page_size=1&token=bench"; do sleep 0.2; done

echo "== $recipients recipients, concurrency $concurrency, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)'), $(nproc) cores," \
    "account budget ${BENCH_ACCOUNT_RATE:-none}, send window ${BENCH_WINDOW:-none}, listing every ${BENCH_POLL:-1s}"
SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/h2;WRITE_DELAY=0" CAMPAIGN_PROVIDERS_VOIPBIN_RATE="${BENCH_ACCOUNT_RATE:-unlimited}" \
CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="http://127.0.0.1:$port/v1.0" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench \
CAMPAIGN_REPORTS_DIR="$work/reports" /usr/bin/time -f '%e %U %S' -o "$work/time" \
    java -Xmx256m $([ "${BENCH_JFR:-1}" = 1 ] && echo "-XX:StartFlightRecording=filename=$work/send.jfr,settings=profile") \
    -jar "$jar" run "$work/profile.yml" \
    > "$work/run.log" 2>&1 || { cat "$work/run.log" >&2; exit 1; }
read -r wall user sys < "$work/time"
rate=$(sed -n 's/.*"attemptsPerSecond" : \([0-9.]*\).*/\1/p' "$work"/reports/profile/*/summary.json | head -n 1)
echo "sending $rate/s; process: ${wall}s wall, ${user}s user + ${sys}s system CPU:" \
    "$(echo "scale=3; ($user + $sys) * 1000 / $recipients" | bc) CPU ms per message (whole run)"
grep 'StepTimer' "$work/run.log" | sed 's/^/  /'
if [ "${BENCH_JFR:-1}" = 1 ]; then
    for view in ${BENCH_JFR_VIEWS:-hot-methods}; do
        "$jfr" view --width 160 "$view" "$work/send.jfr"
    done
    echo "recording: $work/send.jfr"
fi
