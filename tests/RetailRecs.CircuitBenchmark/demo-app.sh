# Sourced by soak.sh and heap-soak.sh (from the repository root, with $out set): starts the Release app on a fresh demo
# database at http://127.0.0.1:5099, waits until its first champion serves, and sets $db, $app, $pid and an API key
# $key; `cli` runs the Release CLI and `sample_process OUT.csv` writes the app's RSS, handles and threads every 30 s.
db="$out/app.db"
dotnet build -c Release src/RetailRecs.Web -v q -nologo >/dev/null
dotnet build -c Release src/RetailRecs.Cli -v q -nologo >/dev/null
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

sample_process() {
  echo "seconds,rss_kib,handles,threads" >"$1"
  local start; start=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    echo "$(( $(date +%s) - start )),$(awk '/VmRSS/ {print $2}' /proc/$pid/status),$(ls /proc/$pid/fd | wc -l),$(awk '/Threads/ {print $2}' /proc/$pid/status)" >>"$1"
    sleep 30
  done
}
