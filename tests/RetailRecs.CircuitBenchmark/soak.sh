#!/usr/bin/env bash
# Soak test (issue #20): the Release app on a fresh demo database for MINUTES minutes while CIRCUITS associates' Blazor
# circuits loop search → card → accept and a store system posts RATE sales events a second. Samples the app's memory,
# open handles and threads every 30 s, then says whether every accepted event was stored once.
#   usage: tests/RetailRecs.CircuitBenchmark/soak.sh [MINUTES=30] [CIRCUITS=10] [RATE=200] [OUT=/tmp/soak]
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-30} circuits=${2:-10} rate=${3:-200} out=${4:-/tmp/soak}
seconds=$((minutes * 60))
rm -rf "$out" && mkdir -p "$out"
dotnet build -c Release tests/RetailRecs.CircuitBenchmark -v q -nologo >/dev/null
source tests/RetailRecs.CircuitBenchmark/demo-app.sh

sample_process "$out/samples.csv" &
sampler=$!

dotnet tests/RetailRecs.CircuitBenchmark/bin/Release/net10.0/RetailRecs.CircuitBenchmark.dll --pid "$pid" --database "$db" \
  --circuits "$circuits" --seconds "$seconds" --settle 60 >"$out/circuits.txt" 2>&1 &
circuits_job=$!
cli benchmark api --key "$key" --database "$db" --rates "$rate" --seconds "$seconds" >"$out/api.txt" 2>&1 || true
wait $circuits_job || true
sleep 60
kill $sampler 2>/dev/null || true
echo "== circuits"; cat "$out/circuits.txt"
echo "== api"; cat "$out/api.txt"
echo "== samples (first, largest, last)"; head -2 "$out/samples.csv" | tail -1; sort -t, -k2 -n "$out/samples.csv" | tail -1; tail -1 "$out/samples.csv"
