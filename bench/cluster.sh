#!/usr/bin/env bash
# Benchmark: one campaign sent by a cluster of 1, 2 and 3 workers (issue 20, SPEC section 14).
#
# A manager `run` (campaign.cluster.local-worker=false, so it only hands out partitions, settles,
# reconciles and reports) and N `worker` processes, on one MariaDB database and the local
# RabbitMQ, against the sandbox as its own process:
#   latency  the provider answers in 100 ms and has no limit: each worker keeps its
#            limits.concurrency requests in flight, so the rate grows with the workers
#   budget   the provider answers in 20 ms and refuses (429) above 300 creates a second; the
#            account's budget (campaign.providers.voipbin.rate=300/s) is what all workers share
# For each: the rate the provider saw (messages over the time from its first to its last
# creation), the 429s the run was answered, and what the manager and the broker cost per
# message: their CPU time (from /proc) over the whole run (the manager's includes its start,
# the load, the reconcile and the report) and over the sending alone (first to last creation).
#
# Each measurement sends the campaign twice through the same workers and sandbox: "cold", with
# worker JVMs just started (they send slowly for their first ten seconds or so, while their
# code is compiled, three of them on two cores with the sandbox and the manager), then "warm",
# a second list, as long-running workers send every campaign after their first. The budget runs
# send twice the list.
#
#   bench/cluster.sh [RECIPIENTS] [PARTITIONS]
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-6000}
partitions=${2:-12}
port=${BENCH_PORT:-18092}
work=$(mktemp -d)
database="campaign_bench_cluster_$$"
queue="campaign-bench-$$"
sandbox_pid=
worker_pids=()
cleanup() {
    stop_workers
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $database" 2>/dev/null || true
    rabbitmqctl -q delete_queue "$queue" >/dev/null 2>&1 || true
    rm -rf "$work"
}
stop_workers() {
    for pid in "${worker_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${worker_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    worker_pids=()
}
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
commit=$(git rev-parse --short HEAD)
voipbin="http://127.0.0.1:$port/v1.0"
broker_pid=$(pgrep -f beam.smp | head -n 1)

mkdir -p "$work/job"
list() { # ROWS DOMAIN: the campaign's list, its recipients at DOMAIN (a list of its own per run)
    { echo "email,name"; seq 1 "$1" | sed "s/.*/reader&@$2,Reader &/"; } > "$work/job/list.csv"
}
rows=$recipients
echo 'News for ${name}' > "$work/job/subject.ftl"
echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/job/body.html.ftl"
cat > "$work/job/cluster.yml" <<YAML
name: cluster
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 100000/s, burst: 1000, concurrency: 8, chunk: 100, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 1m }
YAML

export SPRING_DATASOURCE_URL="jdbc:mysql://127.0.0.1:3306/$database?createDatabaseIfNotExist=true&rewriteBatchedStatements=true"
export SPRING_DATASOURCE_USERNAME=root SPRING_RABBITMQ_HOST=127.0.0.1
export CAMPAIGN_CLUSTER_ENABLED=true CAMPAIGN_CLUSTER_QUEUE="$queue" CAMPAIGN_CLUSTER_PARTITIONS="$partitions"
export CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="$voipbin" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench
# The sandbox stands in for VoIPBIN: no documented 16/s, each campaign's limits.rate paces it (a phase below sets 300/s).
export CAMPAIGN_PROVIDERS_VOIPBIN_RATE=unlimited
export CAMPAIGN_REPORTS_DIR="$work/reports"

cpu() { # PID -> its user+system CPU time so far, in seconds
    awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$1/stat"
}

sample() { # PID FILE: "epoch cpu" every 0.2 s while PID lives
    while [ -e "/proc/$1/stat" ]; do
        echo "$(date +%s.%N) $(cpu "$1" 2>/dev/null || echo)" >> "$2"
        sleep 0.2
    done
}

cpu_between() { # FILE FROM TO -> CPU seconds spent between the two epochs, from the samples
    awk -v f="$2" -v t="$3" 'NF == 2 && $1 <= f { a = $2 } NF == 2 && $1 <= t { b = $2 } END { printf "%.2f", b - a }' "$1"
}

sandbox() { # LATENCY [OPTIONS]: a fresh sandbox, which keeps every message in memory
    [ -n "$sandbox_pid" ] && { kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; }
    SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -jar "$jar" sandbox --port "$port" --latency "$1" "${@:2}" \
        --token bench > "$work/sandbox.log" 2>&1 &
    sandbox_pid=$!
    until curl -s -o /dev/null "$voipbin/emails?page_size=1&token=bench"; do sleep 0.2; done
}

workers() { # N: N workers, once each takes partitions
    for i in $(seq 1 "$1"); do
        java -jar "$jar" worker --port 0 > "$work/worker-$i.log" 2>&1 &
        worker_pids+=($!)
    done
    for i in $(seq 1 "$1"); do
        until grep -qs "Working the cluster's partitions" "$work/worker-$i.log"; do sleep 0.2; done
    done
}

created() { # -> "epoch_seconds" per message the sandbox holds
    local token=""
    : > "$work/created"
    while :; do
        local page
        page=$(curl -s "$voipbin/emails?page_size=100&token=bench${token:+&page_token=${token// /%20}}")
        echo "$page" | jq -r '.result[] | (.tm_create | sub(" "; "T") | sub("\\..*"; "Z") | fromdateiso8601 | tostring)
            + "." + (.tm_create | sub(".*\\."; ""))' >> "$work/created"
        token=$(echo "$page" | jq -r '.next_page_token // ""')
        [ -n "$token" ] || break
    done
}

measure() { # SCENARIO N LATENCY [SANDBOX OPTIONS]: the campaign by N fresh workers, then by the same, warm
    sandbox "${@:3}"
    mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $database"
    rm -rf "$work/reports"
    workers "$2"
    send "$1" "$2" cold 1
    send "$1" "$2" warm 2
    stop_workers
}

send() { # SCENARIO N PASS RUN-ID: one run of the campaign (run RUN-ID of it); prints its line
    list "$rows" "$3.example.com"
    local since
    since=$(date +%s.%N)
    : > "$work/manager.cpu"
    : > "$work/broker.cpu"
    sample "$broker_pid" "$work/broker.cpu" &
    local broker_sampler=$!
    CAMPAIGN_CLUSTER_LOCAL_WORKER=false java -jar "$jar" run "$work/job/cluster.yml" > "$work/manager-$1-$2-$3.log" 2>&1 &
    local manager=$!
    sample "$manager" "$work/manager.cpu" &
    wait "$manager" || { echo "the run failed:"; tail -n 20 "$work/manager-$1-$2-$3.log"; exit 1; }
    kill "$broker_sampler"
    created
    local n first last rate
    read -r n first last rate < <(awk -v since="$since" '$1 >= since { n++; if (!f || $1 < f) f = $1; if ($1 > l) l = $1 }
        END { printf "%d %.3f %.3f %.1f\n", n, f, l, (l > f ? n / (l - f) : 0) }' "$work/created")
    local summary="$work/reports/cluster/$4/summary.json"
    local manager_all manager_sending broker_sending
    manager_all=$(awk 'NF == 2 { c = $2 } END { print c }' "$work/manager.cpu")
    manager_sending=$(cpu_between "$work/manager.cpu" "$first" "$last")
    broker_sending=$(cpu_between "$work/broker.cpu" "$first" "$last")
    printf "%-7s %-5s %d worker(s): %d messages in %.1f s = %.1f/s, 429s: %s, per worker: %s;" \
        "$1" "$3" "$2" "$n" "$(echo "$last - $first" | bc)" "$rate" "$(jq .rateLimited "$summary")" \
        "$(jq -c '[.workers[]]' "$summary")"
    printf " manager %.1f s CPU in all, %.2f s while sending (%.3f ms/message); broker %.2f s while sending (%.4f ms/message)\n" \
        "$manager_all" "$manager_sending" "$(echo "scale=4; $manager_sending * 1000 / $n" | bc)" \
        "$broker_sending" "$(echo "scale=5; $broker_sending * 1000 / $n" | bc)"
    echo "$rate" > "$work/rate-$1-$2-$3"
}

echo "== cluster: $recipients recipients ($((recipients * 2)) under the budget), $partitions partitions, concurrency 8 per worker, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)')"
for n in 1 2 3; do measure latency "$n" 100ms; done
rate_of() { # SCENARIO N PASS
    cat "$work/rate-$1-$2-$3"
}
for pass in cold warm; do
    echo "latency, $pass: 3 workers at $(echo "scale=2; $(rate_of latency 3 $pass) / $(rate_of latency 1 $pass)" | bc)x the rate of one"
done

export CAMPAIGN_PROVIDERS_VOIPBIN_RATE=300/s
rows=$((recipients * 2))
sed -i 's/concurrency: 8/concurrency: 16/' "$work/job/cluster.yml"
for n in 1 2 3; do measure budget "$n" 20ms --rate-limit 300; done
for n in 1 2 3; do
    echo "budget: $n worker(s) at $(echo "scale=3; $(rate_of budget "$n" cold) / 300" | bc) of 300/s cold," \
        "$(echo "scale=3; $(rate_of budget "$n" warm) / 300" | bc) warm"
done
