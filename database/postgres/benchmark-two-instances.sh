#!/usr/bin/env bash
# Issue #16's API figure: the full Online Retail file imported into a fresh PostgreSQL database, two Release app
# instances on it (no champion: Training__TrainWhenNoModel=false), then `benchmark api` sending sales events to both in
# turn. Needs a role that may create databases (the CI's by default) and the Release builds of the Web app and the CLI.
#   usage: database/postgres/benchmark-two-instances.sh [RATES=250,500,1000,1250] [SECONDS=15]
#   env:   PGHOST PGUSER PGPASSWORD (default 127.0.0.1, retailrecs, retailrecs-ci); DATA (the file to import)
set -uo pipefail
cd "$(dirname "$0")/../.."
rates=${1:-250,500,1000,1250} seconds=${2:-15}
export PGHOST=${PGHOST:-127.0.0.1} PGUSER=${PGUSER:-retailrecs} PGPASSWORD=${PGPASSWORD:-retailrecs-ci}
data=${DATA:-../shared/data/online-retail/online_retail.csv.gz}
db=rr_bench_$(date +%s)
createdb "$db" || exit 1
trap 'pkill -f "RetailRecs.Web.dll --urls http://127.0.0.1:519" ; sleep 3; dropdb --force "$db"' EXIT
export Database__Provider=Postgres ConnectionStrings__RetailRecs="Host=$PGHOST;Database=$db;Username=$PGUSER;Password=$PGPASSWORD"
cli() { dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll "$@"; }
echo "load before the import: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "import wall %e s, peak %M KiB" env Database__MigrateOnStartup=true \
  dotnet src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll import --kind transactions --file "$data" 2>&1 | tail -4
key=$(cli apikey create --name load 2>/dev/null | tail -1)
for port in 5191 5192; do
  (cd src/RetailRecs.Web && ASPNETCORE_ENVIRONMENT=Production Training__TrainWhenNoModel=false \
     Seed__AdminEmail=bench.admin@retailrecs.example Seed__AdminPassword="a long first password 1" \
     exec dotnet bin/Release/net10.0/RetailRecs.Web.dll --urls http://127.0.0.1:$port > "/tmp/bench-instance-$port.log" 2>&1) &
done
for port in 5191 5192; do until curl -sf http://127.0.0.1:$port/health >/dev/null; do sleep 2; done; done
sleep 10
echo "load before the API load: $(cut -d' ' -f1-3 /proc/loadavg)"
cli benchmark api --url http://127.0.0.1:5191,http://127.0.0.1:5192 --key "$key" --rates "$rates" --seconds "$seconds"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
