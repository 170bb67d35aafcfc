#!/usr/bin/env bash
# Benchmark: how close a full run gets to what this machine and the provider allow (issue 9).
#
# Side by side, on one machine, against the sandbox provider as its own process:
#   stub     the stub's own ceiling: the bare loop with 4x the concurrency
#   ceiling  a bare java.net.http.HttpClient loop (bench/HttpCeiling.java), the product's
#            concurrency, posting the same rendered bodies to the same zero-latency stub
#   apache   the same bare loop through the client the product sends with (Apache HttpClient's
#            classic client, configured as ProviderHttp configures it)
#   h2       the product: a full `run` (load, render, send, settle, reconcile, report) of
#            RECIPIENTS recipients, rate unlimited, ledger on an H2 file, in -Xmx256m
#   mariadb  the same with the ledger on the local MariaDB
#   latency  the same on H2 with 100 ms provider latency and limits.concurrency 64 (ceiling 640/s;
#            BENCH_LATENCY_CONCURRENCY=N for another, ceiling N x 10/s)
# Each product row gives the sending rate (requests per second while sending, summary.json),
# the whole run's rate (recipients over wall clock, JVM start included), their ratio to the
# ceiling, the seconds from the end of the last send pass to the report written (settle,
# reconcile's tail, report), the peak heap (GC log: most in use before a collection / after one),
# and the process's CPU time (user + system) per message, beside the bare loops' own.
#
#   bench/throughput.sh [RECIPIENTS] [CONCURRENCY]
#   BENCH_ROWS="h2 latency" bench/throughput.sh     only these rows (of: stub apache h2 mariadb latency)
#   BENCH_ACCOUNT_RATE=20000/s bench/throughput.sh  the product rows with an account budget (the shared
#                                                   bucket in the database) above what they reach
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-200000}
concurrency=${2:-16}
port=${BENCH_PORT:-18095}
work=$(mktemp -d)
database="campaign_bench_$$"
sandbox_pid=
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $database" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
unzip -q "$jar" -d "$work/app" # the bare loops run with the product's classes and libraries
commit=$(git rev-parse --short HEAD)

{ echo "email,name"; seq 1 "$recipients" | sed 's/.*/reader&@bench.example.com,Reader &/'; } > "$work/list.csv"
echo 'News for ${name}' > "$work/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/body.html.ftl"
job() { # NAME CONCURRENCY
    cat > "$work/$1.yml" <<YAML
name: $1
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 1000000/s, burst: 1000, concurrency: $2, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 2m }
YAML
}

sandbox() { # LATENCY: a fresh sandbox (it keeps every message in memory)
    [ -n "$sandbox_pid" ] && { kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; }
    # The JDK's HTTP server closes idle connections beyond 200 (maxIdleConnections), and a request
    # then sent on one is lost unanswered: the product's rows would go IN_DOUBT at concurrency 256.
    SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -Xmx4g -Dsun.net.httpserver.maxIdleConnections=2000 -jar "$jar" \
        sandbox --port "$port" --latency "$1" --token bench > "$work/sandbox.log" 2>&1 &
    sandbox_pid=$!
    until curl -s -o /dev/null "http://127.0.0.1:$port/v1.0/emails?page_size=1&token=bench"; do sleep 0.2; done
}

cpu_per_message() { # TIME_FILE (from /usr/bin/time -f '%U %S') <- CPU milliseconds per recipient
    local user sys
    read -r user sys < "$1"
    echo "scale=3; ($user + $sys) * 1000 / $recipients" | bc
}

ceiling() { # CONCURRENCY CLIENT RESULT_FILE <- "messages seconds rate failures cpu_ms_per_message"
    sandbox 0ms
    /usr/bin/time -f '%U %S' -o "$3.time" java -cp "$work/app/BOOT-INF/classes:$work/app/BOOT-INF/lib/*" bench/HttpCeiling.java \
        "http://127.0.0.1:$port/v1.0" bench "$work/list.csv" "$1" "$2" > "$3"
    echo "$(cat "$3") $(cpu_per_message "$3.time")" > "$3"
}

seconds_of_day() { # HH:MM:SS.fff -> seconds since midnight
    echo "$1" | awk -F: '{ printf "%.3f", $1 * 3600 + $2 * 60 + $3 }'
}

product() { # NAME DATASOURCE_URL USER RESULT_FILE <- "sending_rate whole_rate peak_mb live_mb after_send_s cpu_ms_per_message"
    local name=$1
    rm -rf "$work/reports"
    local started ended
    started=$(date +%s.%N)
    SPRING_DATASOURCE_URL="$2" SPRING_DATASOURCE_USERNAME="$3" CAMPAIGN_PROVIDERS_VOIPBIN_RATE="${BENCH_ACCOUNT_RATE:-unlimited}" \
    CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="http://127.0.0.1:$port/v1.0" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench \
    CAMPAIGN_REPORTS_DIR="$work/reports" /usr/bin/time -f '%U %S' -o "$work/time-$name" \
        java -Xmx256m -Xlog:gc:file="$work/gc-$name.log" -jar "$jar" \
        run "$work/$name.yml" > "$work/run-$name.log" 2>&1 || { cat "$work/run-$name.log" >&2; exit 1; }
    ended=$(date +%s.%N)
    local last_send after_send
    last_send=$(grep 'sendStep:' "$work/run-$name.log" | tail -n 1 | cut -c1-12)
    after_send=$(echo "$(seconds_of_day "$(date -d "@$ended" +%H:%M:%S.%N | cut -c1-12)") - $(seconds_of_day "$last_send")" | bc)
    local summary
    summary=$(cat "$work"/reports/"$name"/*/summary.json)
    local rate
    rate=$(echo "$summary" | sed -n 's/.*"attemptsPerSecond" : \([0-9.]*\).*/\1/p' | head -n 1)
    local peak live
    peak=$(sed -n 's/.* \([0-9]*\)M->[0-9]*M(.*/\1/p' "$work/gc-$name.log" | sort -n | tail -n 1)
    live=$(sed -n 's/.* [0-9]*M->\([0-9]*\)M(.*/\1/p' "$work/gc-$name.log" | sort -n | tail -n 1)
    echo "$rate $(echo "scale=1; $recipients / ($ended - $started)" | bc) ${peak:-?} ${live:-?} $after_send $(cpu_per_message "$work/time-$name")" > "$4"
}

# BENCH_ROWS picks rows (the ceiling is measured whenever a zero-latency row is: their ratios are to it).
rows=" ${BENCH_ROWS:-stub apache h2 mariadb latency} "
wanted() { [[ "$rows" == *" $1 "* ]]; }
echo "== $recipients recipients, concurrency $concurrency, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)'), $(nproc) cores, account budget ${BENCH_ACCOUNT_RATE:-none}"
# Functions run in this shell (never in a subshell), so that the sandbox they start is the one stopped.
stub_rate= stub_failed= apache_rate= apache_failed=
if wanted stub; then
    ceiling $((concurrency * 4)) jdk "$work/stub"
    read -r _ _ stub_rate stub_failed _ < "$work/stub"
fi
ceiling_rate=- ceiling_failed=- ceiling_cpu=- apache_cpu=
if wanted stub || wanted apache || wanted h2 || wanted mariadb; then
    ceiling "$concurrency" jdk "$work/ceiling"
    read -r _ _ ceiling_rate ceiling_failed ceiling_cpu < "$work/ceiling"
fi
if wanted apache; then
    ceiling "$concurrency" apache "$work/apache"
    read -r _ _ apache_rate apache_failed apache_cpu < "$work/apache"
fi
echo "stub ${stub_rate:--}/s, ceiling $ceiling_rate/s, apache ${apache_rate:--}/s"

ratio() { echo "scale=3; $1 / $2" | bc; }
results=()
row() { # NAME RESULT_FILE CEILING
    local rate whole peak live after cpu
    read -r rate whole peak live after cpu < "$2"
    echo "$1 $rate/s sending"
    results+=("$(printf '%-9s %12s %12s %9s %9s %12s %14s %12s' "$1" "$rate" "$whole" "$(ratio "$rate" "$3")" \
        "$(ratio "$whole" "$rate")" "$after" "$peak / $live" "$cpu")")
}

if wanted h2; then
    job bench-h2 "$concurrency"
    sandbox 0ms
    product bench-h2 "jdbc:h2:file:$work/db/h2;WRITE_DELAY=0" sa "$work/h2"
    row h2 "$work/h2" "$ceiling_rate"
fi
if wanted mariadb; then
    job bench-mariadb "$concurrency"
    sandbox 0ms
    product bench-mariadb "jdbc:mysql://127.0.0.1:3306/$database?createDatabaseIfNotExist=true&rewriteBatchedStatements=true" \
        root "$work/mariadb"
    row mariadb "$work/mariadb" "$ceiling_rate"
fi
if wanted latency; then
    latency_concurrency=${BENCH_LATENCY_CONCURRENCY:-64}
    job bench-latency "$latency_concurrency"
    sandbox 100ms
    product bench-latency "jdbc:h2:file:$work/db/latency;WRITE_DELAY=0" sa "$work/latency"
    row latency "$work/latency" $((latency_concurrency * 10))
fi

echo
printf '%-9s %12s %12s %9s %9s %12s %14s %12s\n' "" "sending/s" "whole run/s" "ratio" "whole/sent" "after send s" "peak heap MB" "CPU ms/msg"
[ -n "$stub_rate" ] && printf '%-9s %12s\n' stub "$stub_rate"
printf '%-9s %12s %12s %9s %9s %12s %14s %12s\n' ceiling "$ceiling_rate" "" "1" "" "" "" "$ceiling_cpu"
[ -n "$apache_rate" ] && printf '%-9s %12s %12s %9s %9s %12s %14s %12s\n' apache "$apache_rate" "" "$(ratio "$apache_rate" "$ceiling_rate")" "" "" "" "$apache_cpu"
for result in "${results[@]}"; do echo "$result"; done
echo "(ratio: sending to the ceiling; latency: to ${latency_concurrency:-64} x 10/s, as many requests in flight at 100 ms each; whole/sent: the whole run's"
echo " rate to the sending rate; after send: last send pass's end to the report written; peak heap: before / after a GC, -Xmx256m;"
echo " CPU ms/msg: the process's user + system CPU time over the recipients: a product row's whole run, JVM start included)"
echo "(failed requests: stub ${stub_failed:--}, ceiling $ceiling_failed, apache ${apache_failed:--})"
