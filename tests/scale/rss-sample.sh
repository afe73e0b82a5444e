#!/usr/bin/env bash
# Runs `retailrecs train` on a database and samples its resident memory every half second, with the training's last
# printed stage beside each sample: where in a training the memory goes (README, "Growth with the data").
# Usage: tests/scale/rss-sample.sh DATABASE LOG      (build first: dotnet build -c Release src/RetailRecs.Cli)
# Writes the command's output to LOG and the samples ("seconds MiB [stage]") to LOG.rss; prints the peak.
set -euo pipefail
db=$1
log=$2
cd "$(dirname "$0")/../.."
dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll train --database "$db" > "$log" 2>&1 &
pid=$!
start=$(date +%s.%N)
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || true)
  stage=$(grep '^\[' "$log" | tail -1 | cut -c1-90 || true)
  printf '%.1f %s %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "${rss:-0}" "$stage"
  sleep 0.5
done > "$log.rss"
wait "$pid"
echo "peak: $(sort -k2 -n "$log.rss" | tail -1)"
