#!/bin/bash
# Times one month's rollup refresh on PostgreSQL through the CLI, statement by statement.
# usage: tests/scale/pg-month-refresh.sh DATABASE [MONTH]   (MONTH defaults to 2011-11-01)
# Needs: a Release build of the CLI, the database imported (e.g. a make-scaled file), superuser access through
# `runuser -u postgres` to turn on the server's statement log for that database, and PGPASSWORD for the app's user.
set -euo pipefail
DB=$1; MONTH=${2:-2011-11-01}
USER_NAME=${PGUSER:-retailrecs}
CLI=${CLI:-$(dirname "$0")/../../src/RetailRecs.Cli/bin/Release/net10.0/retailrecs.dll}
LOG=${PGLOG:-/var/log/postgresql/postgresql-15-main.log}
export Database__Provider=Postgres Database__MigrateOnStartup=true
export ConnectionStrings__RetailRecs="Host=127.0.0.1;Username=$USER_NAME;Password=$PGPASSWORD;Database=$DB"
runuser -u postgres -- psql -qc "ALTER DATABASE $DB SET log_min_duration_statement = 300"
dotnet "$CLI" rollups > /dev/null   # migrations, and any month already dirty, first
psql -h 127.0.0.1 -U "$USER_NAME" -d "$DB" -qc "INSERT INTO \"RollupDirtyMonths\"(\"Month\") VALUES ('$MONTH')"
start=$(wc -l < "$LOG")
/usr/bin/time -f "wall %e s, peak RSS %M kB" dotnet "$CLI" rollups
# Every statement over 300 ms, with its duration.
tail -n +$((start + 1)) "$LOG" | grep -E "duration:" | sed -E 's/.*duration: ([0-9.]+) ms.*(statement|execute [^:]*): (.{0,120}).*/\1 ms  \3/'
