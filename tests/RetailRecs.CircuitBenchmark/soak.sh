#!/usr/bin/env bash
# Soak test (issue #20): the Release app on a fresh demo database for MINUTES minutes while CIRCUITS associates' Blazor
# circuits loop search → card → accept and a store system posts RATE sales events a second. Samples the app's memory,
# open handles and threads every 30 s, then says whether every accepted event was stored once. With dotnet-gcdump
# installed it takes heap snapshots at minute 5, a minute before the end (circuits open), after the circuits close and 60 s later (compare them with `dotnet-gcdump report`).
#   usage: tests/RetailRecs.CircuitBenchmark/soak.sh [MINUTES=30] [CIRCUITS=10] [RATE=200] [OUT=/tmp/soak]
#   Settings reach the app through the environment, e.g. DetailedErrors=true Live__MaxBaskets=20000 tests/…/soak.sh
#   CIRCUIT_ARGS adds options to the circuit benchmark, e.g. CIRCUIT_ARGS=--browserless (no browser on the machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-30} circuits=${2:-10} rate=${3:-200} out=${4:-/tmp/soak}
seconds=$((minutes * 60))
rm -rf "$out" && mkdir -p "$out"
dotnet build -c Release tests/RetailRecs.CircuitBenchmark -v q -nologo >/dev/null
gcdump=$(command -v dotnet-gcdump || echo ~/.dotnet/tools/dotnet-gcdump)
snapshot() { [ -x "$gcdump" ] && "$gcdump" collect -p "$pid" -o "$out/$1.gcdump" >/dev/null 2>&1 || true; }
source tests/RetailRecs.CircuitBenchmark/demo-app.sh

sample_process "$out/samples.csv" &
sampler=$!

dotnet tests/RetailRecs.CircuitBenchmark/bin/Release/net10.0/RetailRecs.CircuitBenchmark.dll --pid "$pid" --database "$db" \
  --circuits "$circuits" --seconds "$seconds" --settle 60 ${CIRCUIT_ARGS:-} >"$out/circuits.txt" 2>&1 &
circuits_job=$!
(sleep 300; snapshot t5) &
(sleep $((seconds - 60)); snapshot tlate) &
cli benchmark api --key "$key" --database "$db" --rates "$rate" --seconds "$seconds" >"$out/api.txt" 2>&1 || true
wait $circuits_job || true
snapshot tend
sleep 60
snapshot tafter
kill $sampler 2>/dev/null || true
echo "== circuits"; cat "$out/circuits.txt"
echo "== api"; cat "$out/api.txt"
echo "== samples (first, largest, last)"; head -2 "$out/samples.csv" | tail -1; sort -t, -k2 -n "$out/samples.csv" | tail -1; tail -1 "$out/samples.csv"
for f in t5 tlate tend tafter; do [ -f "$out/$f.gcdump" ] && echo "$f: $("$gcdump" report "$out/$f.gcdump" | head -1)"; done
true
