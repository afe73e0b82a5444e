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
rm -rf "$out" && mkdir -p "$out"; db="$out/app.db"
gcdump=$(command -v dotnet-gcdump || echo ~/.dotnet/tools/dotnet-gcdump)
dotnet build -c Release src/RetailRecs.Web -v q -nologo >/dev/null
dotnet build -c Release src/RetailRecs.Cli -v q -nologo >/dev/null
cli() { dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll "$@"; }
(cd src/RetailRecs.Web && ASPNETCORE_ENVIRONMENT=Development Database__SqlitePath="$db" \
  exec dotnet bin/Release/net10.0/RetailRecs.Web.dll --urls http://127.0.0.1:5099 >"$out/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:5099/health >/dev/null; do sleep 2; done
until [ "$(sqlite3 "$db" 'SELECT COUNT(*) FROM ModelRuns WHERE IsChampion = 1' 2>/dev/null || echo 0)" -gt 0 ]; do sleep 5; done
pid=$(pgrep -f "RetailRecs.Web.dll --urls http://127.0.0.1:5099" | head -1)
key=$(cli apikey create --name soak --database "$db" 2>/dev/null | tail -1)
sleep 20
"$gcdump" collect -p $pid -o "$out/t0.gcdump" >/dev/null 2>&1 || true
echo "seconds,rss_kib,handles,threads" >"$out/samples.csv"
( start=$(date +%s); while kill -0 "$pid" 2>/dev/null; do
    echo "$(( $(date +%s) - start )),$(awk '/VmRSS/ {print $2}' /proc/$pid/status),$(ls /proc/$pid/fd | wc -l),$(awk '/Threads/ {print $2}' /proc/$pid/status)" >>"$out/samples.csv"; sleep 30; done ) &
sampler=$!
cli benchmark api --key "$key" --database "$db" --rates "$rate" --seconds $((minutes*60)) >"$out/api.txt" 2>&1 &
api=$!
sleep $((minutes*30)); "$gcdump" collect -p $pid -o "$out/tmid.gcdump" >/dev/null 2>&1 || true
wait $api || true
"$gcdump" collect -p $pid -o "$out/tend.gcdump" >/dev/null 2>&1 || true
sleep 60
"$gcdump" collect -p $pid -o "$out/tafter.gcdump" >/dev/null 2>&1 || true
kill $sampler 2>/dev/null || true
sqlite3 "$db" "SELECT COUNT(*) FROM Transactions" > "$out/rows.txt" 2>&1 || true
echo "== api"; cat "$out/api.txt"
echo "== samples"; cat "$out/samples.csv"
for f in t0 tmid tend tafter; do [ -f "$out/$f.gcdump" ] && echo "$f: $("$gcdump" report "$out/$f.gcdump" | head -1)"; done
