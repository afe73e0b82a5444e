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
db="$out/app.db"

dotnet build -c Release src/RetailRecs.Web -v q -nologo >/dev/null
dotnet build -c Release src/RetailRecs.Cli -v q -nologo >/dev/null
dotnet build -c Release tests/RetailRecs.CircuitBenchmark -v q -nologo >/dev/null
cli() { dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll "$@"; }

(cd src/RetailRecs.Web && ASPNETCORE_ENVIRONMENT=Development Database__SqlitePath="$db" \
  exec dotnet bin/Release/net10.0/RetailRecs.Web.dll --urls http://127.0.0.1:5099 >"$out/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:5099/health >/dev/null; do sleep 2; done
# The app seeds the demo data and trains its first models in the background: wait for a champion to serve.
until [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM ModelRuns WHERE IsChampion = 1' 2>/dev/null || echo 0)" -gt 0 ]; do sleep 5; done
pid=$(pgrep -f "RetailRecs.Web.dll --urls http://127.0.0.1:5099" | head -1)
key=$(cli apikey create --name soak --database "$db" 2>/dev/null | tail -1)

echo "seconds,rss_kib,handles,threads" >"$out/samples.csv"
(
  start=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    echo "$(( $(date +%s) - start )),$(awk '/VmRSS/ {print $2}' /proc/$pid/status),$(ls /proc/$pid/fd | wc -l),$(awk '/Threads/ {print $2}' /proc/$pid/status)" >>"$out/samples.csv"
    sleep 30
  done
) &
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
