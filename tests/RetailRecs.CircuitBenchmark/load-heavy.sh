#!/usr/bin/env bash
# Many staff at once while heavy work runs (issue #20): the Release app on a fresh demo database, CIRCUITS browserless
# associates for SECONDS seconds (each 10 s between customers, tablets coming on 3 s apart); after WARMUP seconds an
# import of FILE and then a training run, both through the CLI on the app's database, with a marker file existing while
# they run, so the benchmark gives the card times during the heavy work and outside it. With dotnet-gcdump installed it
# takes heap snapshots before the circuits open and after they closed (the benchmark waits 60 s), to compare.
# WARMUP=none: no heavy work (the circuits alone, e.g. to see their memory given back).
#   usage: tests/RetailRecs.CircuitBenchmark/load-heavy.sh [FILE=../shared/data/online-retail/online_retail.csv.gz]
#          [CIRCUITS=30] [SECONDS=600] [WARMUP=150] [OUT=/tmp/load-heavy]   (THINK=10 seconds between customers)
set -euo pipefail
cd "$(dirname "$0")/../.."
file=$(realpath "${1:-../shared/data/online-retail/online_retail.csv.gz}")
circuits=${2:-30} seconds=${3:-600} warmup=${4:-150} out=${5:-/tmp/load-heavy} think=${THINK:-10}
rm -rf "$out" && mkdir -p "$out"
dotnet build -c Release tests/RetailRecs.CircuitBenchmark -v q -nologo >/dev/null
source tests/RetailRecs.CircuitBenchmark/demo-app.sh
busy="$out/busy"
gcdump=$(command -v dotnet-gcdump || echo ~/.dotnet/tools/dotnet-gcdump)
snapshot() { [ -x "$gcdump" ] && "$gcdump" collect -p "$pid" -o "$out/$1.gcdump" >/dev/null 2>&1 || true; }
snapshot before

heavy() {
  sleep "$warmup"
  touch "$busy"
  local start; start=$(date +%s)
  echo "import from $(date +%s.%N | cut -c1-12)" >"$out/phases.txt"
  /usr/bin/time -f "import: %e s, %M KiB peak" dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll \
    import --kind transactions --file "$file" --database "$db" >"$out/import.txt" 2>&1 || echo "import failed" >>"$out/import.txt"
  echo "train from $(date +%s.%N | cut -c1-12)" >>"$out/phases.txt"
  /usr/bin/time -f "train: %e s, %M KiB peak" dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll \
    train --database "$db" >"$out/train.txt" 2>&1 || echo "train failed" >>"$out/train.txt"
  echo "end at $(date +%s.%N | cut -c1-12)" >>"$out/phases.txt"
  rm -f "$busy"
  echo "heavy work from second $warmup for $(( $(date +%s) - start )) s" >"$out/heavy.txt"
}
if [ "$warmup" = none ]; then : >"$out/heavy.txt"; heavy_job=""; else heavy & heavy_job=$!; fi

dotnet tests/RetailRecs.CircuitBenchmark/bin/Release/net10.0/RetailRecs.CircuitBenchmark.dll --pid "$pid" --database "$db" \
  --circuits "$circuits" --seconds "$seconds" --settle 60 --think "$think" --ramp 3 --browserless --busy-file "$busy" \
  --samples "$out/cards.csv" >"$out/circuits.txt" 2>&1 || true
[ -z "$heavy_job" ] || wait $heavy_job || true
snapshot after
echo "== circuits"; cat "$out/circuits.txt"
if [ -f "$out/phases.txt" ]; then
  echo "== heavy work"; cat "$out/heavy.txt" "$out/phases.txt"; tail -1 "$out/import.txt"; grep -E "^champion|train:" "$out/train.txt" || tail -3 "$out/train.txt"
fi
for f in before after; do [ -f "$out/$f.gcdump" ] && echo "managed heap $f: $("$gcdump" report "$out/$f.gcdump" | head -1)"; done
true
