#!/usr/bin/env bash
# Where the memory goes under event load (issue #20): the Release app on a fresh demo database while a store system
# posts RATE sales events a second for MINUTES minutes (no circuits), with heap snapshots (dotnet-gcdump) before,
# half-way, at the end and 60 s after, and the app's RSS, handles and threads every 30 s.
#   usage: tests/RetailRecs.CircuitBenchmark/heap-soak.sh [MINUTES=10] [RATE=200] [OUT=/tmp/heap-soak]
#   needs: dotnet tool install -g dotnet-gcdump; compare with `dotnet-gcdump report OUT/t0.gcdump` and `OUT/tend.gcdump`.
#   Settings reach the app through the environment, e.g. Live__MaxBaskets=20000 tests/…/heap-soak.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-10} rate=${2:-200} out=${3:-/tmp/heap-soak}
rm -rf "$out" && mkdir -p "$out"
gcdump=$(command -v dotnet-gcdump || echo ~/.dotnet/tools/dotnet-gcdump)
source tests/RetailRecs.CircuitBenchmark/demo-app.sh
sleep 20
"$gcdump" collect -p $pid -o "$out/t0.gcdump" >/dev/null 2>&1 || true
sample_process "$out/samples.csv" &
sampler=$!
cli benchmark api --key "$key" --database "$db" --rates "$rate" --seconds $((minutes*60)) >"$out/api.txt" 2>&1 &
api=$!
sleep $((minutes*30)); "$gcdump" collect -p $pid -o "$out/tmid.gcdump" >/dev/null 2>&1 || true
wait $api || true
"$gcdump" collect -p $pid -o "$out/tend.gcdump" >/dev/null 2>&1 || true
sleep 60
"$gcdump" collect -p $pid -o "$out/tafter.gcdump" >/dev/null 2>&1 || true
kill $sampler 2>/dev/null || true
echo "== api"; cat "$out/api.txt"
echo "== samples"; cat "$out/samples.csv"
for f in t0 tmid tend tafter; do [ -f "$out/$f.gcdump" ] && echo "$f: $("$gcdump" report "$out/$f.gcdump" | head -1)"; done
