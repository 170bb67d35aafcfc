#!/usr/bin/env bash
# Benchmark: one provider account's budget shared by campaigns and processes (issue 16).
#
# Against the sandbox as its own process, 20 ms latency, answering 429 above RATE creates per
# second (a bucket of one second's worth), with campaign.providers.voipbin.rate = RATE/s and each
# campaign's own limits.rate far above it:
#   one   one campaign of RECIPIENTS through the account (the account's budget is its only pace)
#   two   two campaigns of RECIPIENTS/2 each at once, as two `run` processes on one MariaDB database
# For each: the rate the provider saw (messages over the time from the first to the last it
# created; for two, also while both were sending), and the 429s the runs were answered.
#
#   bench/shared-account.sh [RECIPIENTS] [RATE]
set -euo pipefail
cd "$(dirname "$0")/.."

recipients=${1:-20000}
rate=${2:-200}
port=${BENCH_PORT:-18091}
work=$(mktemp -d)
database="campaign_bench_shared_$$"
sandbox_pid=
cleanup() {
    [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null || true
    mysql -uroot -h127.0.0.1 -e "DROP DATABASE IF EXISTS $database" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)
commit=$(git rev-parse --short HEAD)
voipbin="http://127.0.0.1:$port/v1.0"

campaign() { # NAME ROWS
    mkdir -p "$work/$1"
    { echo "email,name"; seq 1 "$2" | sed "s/.*/reader&@$1.example.com,Reader &/"; } > "$work/$1/list.csv"
    echo 'News for ${name}' > "$work/$1/subject.ftl"
    echo '<p>Hello ${name}, this is the benchmark issue.</p>' > "$work/$1/body.html.ftl"
    cat > "$work/$1/$1.yml" <<YAML
name: $1
channel: email
provider: voipbin
sender: { address: news@example.com, name: Example News }
recipients: { file: list.csv }
template: { subject: subject.ftl, html: body.html.ftl }
limits: { rate: 100000/s, burst: 1000, concurrency: 16, chunk: 500, max-attempts: 5 }
reconcile: { poll-interval: 1s, timeout: 1m }
YAML
}

sandbox() { # a fresh sandbox: it keeps every message in memory
    [ -n "$sandbox_pid" ] && { kill "$sandbox_pid"; wait "$sandbox_pid" 2>/dev/null || true; }
    SPRING_DATASOURCE_URL=jdbc:h2:mem:sandbox java -jar "$jar" sandbox --port "$port" --latency 20ms \
        --rate-limit "$rate" --token bench > "$work/sandbox.log" 2>&1 &
    sandbox_pid=$!
    until curl -s -o /dev/null "$voipbin/emails?page_size=1&token=bench"; do sleep 0.2; done
}

run() { # NAME DATASOURCE_URL USER: a `run` process in the background
    SPRING_DATASOURCE_URL="$2" SPRING_DATASOURCE_USERNAME="$3" CAMPAIGN_PROVIDERS_VOIPBIN_RATE="$rate/s" \
    CAMPAIGN_PROVIDERS_VOIPBIN_BASE_URL="$voipbin" CAMPAIGN_PROVIDERS_VOIPBIN_TOKEN=bench \
    CAMPAIGN_REPORTS_DIR="$work/reports" java -jar "$jar" run "$work/$1/$1.yml" > "$work/run-$1.log" 2>&1 &
}

created() { # -> "domain epoch_seconds" per message the sandbox holds
    local token=""
    : > "$work/created"
    while :; do
        local page
        page=$(curl -s "$voipbin/emails?page_size=100&token=bench${token:+&page_token=${token// /%20}}")
        echo "$page" | jq -r '.result[] | [(.destinations[0].target | sub(".*@"; "")),
            (.tm_create | sub(" "; "T") | sub("\\..*"; "Z") | fromdateiso8601 | tostring) + "." + (.tm_create | sub(".*\\."; ""))] | join(" ")' \
            >> "$work/created"
        token=$(echo "$page" | jq -r '.next_page_token // ""')
        [ -n "$token" ] || break
    done
}

seen() { # DOMAIN...: "messages first last rate" for these domains, from $work/created
    awk -v domains=" $* " 'index(domains, " " $1 " ") { n++; if (!f || $2 < f) f = $2; if ($2 > l) l = $2 }
        END { printf "%d %.3f %.3f %.1f\n", n, f, l, (l > f ? n / (l - f) : 0) }' "$work/created"
}

limited() { # -> 429s over every run's summary.json
    jq -s 'map(.rateLimited) | add' "$work"/reports/*/*/summary.json
}

echo "== account budget $rate/s, provider limit $rate/s, $recipients recipients, commit $commit$(git diff --quiet HEAD || echo ' (uncommitted changes)')"

sandbox
campaign one "$recipients"
run one "jdbc:h2:file:$work/db/one;AUTO_SERVER=TRUE;WRITE_DELAY=0" sa
wait "$!"
created
read -r n first last one_rate < <(seen one.example.com)
one_429=$(limited)
echo "one campaign:  $n messages in $(echo "$last - $first" | bc) s = $one_rate/s ($(echo "scale=3; $one_rate / $rate" | bc) of $rate/s), 429s: $one_429"

rm -rf "$work/reports"
sandbox
campaign first $((recipients / 2))
campaign second $((recipients / 2))
url="jdbc:mysql://127.0.0.1:3306/$database?createDatabaseIfNotExist=true&rewriteBatchedStatements=true"
run first "$url" root
first_pid=$!
run second "$url" root
second_pid=$!
wait "$first_pid" "$second_pid"
created
read -r _ a_first a_last _ < <(seen first.example.com)
read -r _ b_first b_last _ < <(seen second.example.com)
read -r n first last all_rate < <(seen first.example.com second.example.com)
from=$(echo "if ($a_first > $b_first) $a_first else $b_first" | bc)
to=$(echo "if ($a_last < $b_last) $a_last else $b_last" | bc)
both=$(awk -v f="$from" -v t="$to" '$2 >= f && $2 <= t { n++ } END { printf "%.1f", n / (t - f) }' "$work/created")
two_429=$(limited)
echo "two campaigns: $n messages in $(echo "$last - $first" | bc) s = $all_rate/s; while both sent ($(echo "$to - $from" | bc) s): $both/s ($(echo "scale=3; $both / $rate" | bc) of $rate/s), 429s: $two_429"
