#!/usr/bin/env bash
# A training inside the web app, as a new install's start-up runs it: starts the Release app on DATABASE (use a copy:
# it is trained), samples the process's resident memory every 2 s and times GET /health every 0.2 s until the
# segmentation that follows the training has ended; prints the peak and the /health percentiles (README, "Training
# inside the web app"). With --retrain, the database's runs are first marked failed so that a trained copy trains again.
# Usage: tests/scale/web-train.sh DATABASE LOG [--retrain]   (build first: dotnet build -c Release src/RetailRecs.Web)
set -euo pipefail
db=$(realpath "$1")
log=$(realpath -m "$2")
port=5197
cd "$(dirname "$0")/../.."
if [ "${3:-}" = "--retrain" ]; then
  sqlite3 "$db" "update ModelRuns set Status='Failed', IsChampion=0; update SegmentationRuns set Status='Failed';"
fi
web=src/RetailRecs.Web/bin/Release/net10.0
ASPNETCORE_ENVIRONMENT=Development Database__SqlitePath="$db" ASPNETCORE_URLS="http://127.0.0.1:$port" Seed__DemoData=false \
  dotnet "$web/RetailRecs.Web.dll" > "$log" 2>&1 &
pid=$!
start=$(date +%s)
(
  until curl -s -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.5; done
  while curl -s -o /dev/null -w '%{time_total}\n' --max-time 60 "http://127.0.0.1:$port/health"; do sleep 0.2; done
) > "$log.health" 2>/dev/null &
while kill -0 "$pid" 2>/dev/null; do
  echo "$(( $(date +%s) - start )) $(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)" >> "$log.rss"
  ended=$(sqlite3 "$db" "select count(*) from SegmentationRuns where Status not in ('Running', 'Failed')" 2>/dev/null || echo 0)
  if [ "${ended:-0}" != "0" ]; then
    echo "segments stored after $(( $(date +%s) - start )) s; peak RSS $(awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$pid/status") MiB"
    kill "$pid"
  fi
  sleep 2
done
wait "$pid" || true
sort -n "$log.health" | awk '{ t[NR] = $1 * 1000 } END { if (NR) printf "/health: %d requests, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms\n", NR, t[int(NR * 0.5) + 1], t[int(NR * 0.95) + 1], t[int(NR * 0.99) + 1], t[NR] }'
