#!/usr/bin/env bash
# Records what docs/grafana-dashboard.png draws: `serve` on the built-in sandbox (with faults:
# failures, 429s above 120/s, lost answers) sends two campaigns of 4,000 recipients one after the
# other while this script scrapes /actuator/prometheus every second into a file.
# Usage: docs/record-scrapes.sh OUT.prom   (then /usr/bin/python3 docs/draw-dashboard.py OUT.prom docs/grafana-dashboard.png)
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:?the file to write the scrapes to}")
work=$(mktemp -d)
trap 'kill "$serve" 2>/dev/null || true; rm -rf "$work"' EXIT
jar=$(ls target/campaign-sender-*.jar | head -1)
port=8097 token=dashboard-token
mkdir -p "$work/jobs"
cp -r samples "$work/"
for name in spring-news autumn-news; do
    { echo "email,first_name,last_name,plan,city,start_date"
      for row in $(seq 1 4000); do
          case $((row % 97)) in 0) who=bounce ;; *) who=reader ;; esac
          echo "$who$row@$name.example.com,Ann,Lee,Plus,Utrecht,2026-12-02"
      done; } > "$work/$name.csv"
    sed -e "s/^name: welcome-email/name: $name/" -e "s|file: samples/recipients/welcome.csv|file: $name.csv|" \
        -e "s/limits: { rate: 50\/s, burst: 50,/limits: { rate: 200\/s, burst: 20,/" jobs/welcome-email.yml > "$work/jobs/$name.yml"
done
(cd "$work" && CAMPAIGN_SERVER_TOKEN=$token CAMPAIGN_SANDBOX_LATENCY=25ms CAMPAIGN_SANDBOX_FAILURE_RATE=0.03 \
    CAMPAIGN_SANDBOX_RATE_LIMIT=120 CAMPAIGN_SANDBOX_LOST_ANSWER_RATE=0.003 \
    exec java -jar "$OLDPWD/$jar" serve --port $port > serve.log 2>&1) &
serve=$!
until curl -sf -o /dev/null http://127.0.0.1:$port/actuator/health; do sleep 0.5; done
: > "$out"
scrape() { echo "# at $(date +%s.%N)" >> "$out"; curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/actuator/prometheus | grep '^campaign_' >> "$out" || true; }
for _ in $(seq 1 5); do scrape; sleep 1; done
for name in spring-news autumn-news; do
    run=$(curl -s -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' --data-binary @"$work/$name.csv" \
        http://127.0.0.1:$port/api/campaigns/$name/recipients | sed 's/.*"runId":\([0-9]*\).*/\1/')
    while curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/runs/$run | grep -q '"status":"RUNNING"'; do
        scrape; sleep 1
    done
    for _ in $(seq 1 5); do scrape; sleep 1; done
done
echo "scrapes in $out"
