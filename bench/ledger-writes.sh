#!/usr/bin/env bash
# Benchmark: the send step's ledger work alone (bench/LedgerWrites.java), through the product's
# own ledger on a fresh H2 file per round; microseconds per message.
#
#   bench/ledger-writes.sh [ROWS] [CHUNK] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mvnw -q -B package -DskipTests
unzip -q "$(ls target/campaign-sender-*.jar | head -n 1)" -d "$work/app"
java -Xmx256m -Djava.io.tmpdir="$work" -cp "$work/app/BOOT-INF/classes:$work/app/BOOT-INF/lib/*" bench/LedgerWrites.java "${1:-200000}" "${2:-500}" "${3:-3}"
