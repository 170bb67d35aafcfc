#!/usr/bin/env bash
# The web page of `serve`, driven in headless Chromium (Debian's chromium and chromium-driver):
# log in, upload a list through the form, follow the run to its report, see a start refused
# while the campaign sends, and save a screenshot of the front page to docs/web-page.png.
#
#   docs/web-page.sh
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromedriver >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
port=${WEB_PAGE_PORT:-18090}
driver_port=$((port + 1))
work=$(mktemp -d)
trap 'kill "$serve_pid" "$driver_pid" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

./mvnw -q -B package -DskipTests
jar=$(ls target/campaign-sender-*.jar | head -n 1)

# A larger list in the welcome campaign's columns, so that the run is seen in progress (50 messages a second).
list() {
    echo "email,first_name,last_name,plan,city,start_date"
    seq "$1" "$2" | sed 's/.*/reader&@example.com,Reader,Number &,Plus,Utrecht,2026-12-02/'
}
list 1 1500 > "$work/december.csv"
list 2001 2100 > "$work/january.csv"

SPRING_DATASOURCE_URL="jdbc:h2:file:$work/db/campaign;WRITE_DELAY=0" CAMPAIGN_REPORTS_DIR="$work/reports" \
CAMPAIGN_SERVER_UPLOADS_DIR="$work/uploads" CAMPAIGN_SERVER_TOKEN=docs-token-0123456789abcdef \
    java -jar "$jar" serve --port "$port" > "$work/serve.log" 2>&1 &
serve_pid=$!
chromedriver --port="$driver_port" > "$work/chromedriver.log" 2>&1 &
driver_pid=$!
until curl -s -o /dev/null "http://127.0.0.1:$port/login"; do
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
    sleep 0.3
done
until curl -s -o /dev/null "http://127.0.0.1:$driver_port/status"; do sleep 0.2; done

python3 docs/web-page.py "http://127.0.0.1:$driver_port" "http://127.0.0.1:$port" docs-token-0123456789abcdef \
    "$PWD/samples/recipients/welcome.csv" "$work/december.csv" "$work/january.csv" "$PWD/docs/web-page.png"
