#!/usr/bin/env bash
# restore-drill: `pgctl restore --to DIR` restores, starts, verifies and removes
# a throwaway copy; it reports the recovered-to time, leaves no process,
# socket or directory behind, and does not disturb the running cluster or
# archive anything into its stanza.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a database with a backup and archived rows"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
utc_now="select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
before_commit=$(psql_in db "$utc_now")
# no autovacuum on it: an automatic analyze commits too, and would move the last commit past after_commit
psql_in db "create table drill(id int) with (autovacuum_enabled = false); insert into drill select generate_series(1,250)" >/dev/null
after_commit=$(psql_in db "$utc_now")
wait_archived db
pid=$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)

step "docker exec <c> pgctl restore --to /tmp/drill"
out=$(dc exec -T db pgctl restore --to /tmp/drill)
printf '%s\n' "$out"
assert_contains "$out" "drill passed" "drill output"
assert_contains "$out" "recovered to    20" "drill output (recovered-to time)"
assert_contains "$out" " 0 bad" "data checksums of the drill copy"

step "the drill left nothing behind"
# each look prints what it finds; "looked" at the end shows the shell got there (an exec that
# fails prints no leftovers either, so an empty answer alone proves nothing)
must dc exec -T db sh -c 'ls -d /tmp/drill 2>/dev/null; pgrep -af "D /tmp/drill" | grep -v pgrep; ls /tmp/drill/.s.PGSQL.* 2>/dev/null; echo looked'
assert_eq "looked" "$OUT" "directory, processes and sockets of the drill"
assert_eq "$pid" "$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)" "postmaster of the running cluster (untouched)"
assert_eq "250" "$(psql_in db "select count(*) from drill")" "rows of the running cluster"
must dc exec -T -u postgres db pgbackrest repo-ls --recurse archive/main
assert_contains "$OUT" "archive.info" "the repository's archive (a listing, not an error)"
assert_not_contains "$OUT" "00000002.history" "the repository's archive (the drill's promotion archived nothing)"

step "pgctl restore --to ... --json for scripts"
json=$(dc exec -T db pgctl restore --to /tmp/drill-json --json 2>/dev/null)
echo "recoveredTo: $(printf '%s' "$json" | python3 -c 'import json, sys; print(json.load(sys.stdin)["recoveredTo"])')"
assert_eq "True True True" "$(printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["ok"], d["checksumFailures"] == 0, sys.argv[1] <= d["recoveredTo"] <= sys.argv[2])' "$before_commit" "$after_commit")" \
	"ok, no bad checksum, recoveredTo between $before_commit and $after_commit (the last commit)"

step "bad targets are refused before anything is created"
capture dc exec -T db pgctl restore --to /tmp/drill-bad --time '2099-01-01 00:00:00+00'
out=$OUT rc=$RC
assert_eq 3 "$rc" "exit code for a target in the future"
assert_contains "$out" "--time: 2099-01-01T00:00Z is in the future" "refusal"
assert_contains "$out" "the repository can restore from" "refusal (what the repository holds)"
capture dc exec -T db pgctl restore --to /var/lib/postgresql/18/docker/x
out=$OUT rc=$RC
assert_eq 4 "$rc" "exit code for a drill inside PGDATA"
must dc exec -T db sh -c 'ls -d /tmp/drill-bad /var/lib/postgresql/18/docker/x 2>/dev/null; echo looked'
assert_eq "looked" "$OUT" "directories created by refused drills"

step "a drill whose throwaway server dies while it recovers stops waiting at once and says why"
# WAL for the drill to replay after it is consistent and accepts connections (20 segments, each fetched
# with archive-get), and a restore point that does not exist, so that it never promotes
for i in $(seq 1 20); do psql_in db "insert into drill values ($i); select pg_switch_wal()" >/dev/null; done
wait_archived db
dies_out=$(mktemp)
dc exec -T db timeout 200 pgctl restore --to /tmp/drill-dies --name no-such-restore-point >"$dies_out" 2>&1 &
drill=$!
drill_ready() { dc exec -T -u postgres db pg_isready -q -h /tmp/drill-dies -p 5432; }
wait_for 120 "the drill's throwaway server accepts connections while it recovers" drill_ready
# recovery frozen, then the postmaster and its startup process killed: the server is gone mid-recovery
# (the patterns are anchored so that they never match this sh itself)
dc exec -T db sh -c 'pkill -STOP -f "^postgres: startup"; kill -9 "$(head -1 /tmp/drill-dies/postmaster.pid)"; pkill -9 -f "^postgres: startup"'
SECONDS=0
set +e
wait "$drill"
rc=$?
set -e
took=$SECONDS
out=$(cat "$dies_out")
rm -f "$dies_out"
printf '%s\n' "$out"
assert_eq 1 "$rc" "exit code of a drill whose server died"
assert_contains "$out" "drill FAILED" "drill output"
assert_contains "$out" "the throwaway server stopped during recovery" "drill output (why)"
if [ "$took" -lt 30 ]; then ok "the drill ended $took s after its server died"; else fail "the drill took $took s to notice that its server died"; fi
must dc exec -T db sh -c 'ls -d /tmp/drill-dies 2>/dev/null; pgrep -af "D /tmp/drill-dies|^postgres: startup" | grep -v pgrep; echo looked'
assert_eq "looked" "$OUT" "directory and processes of the failed drill"
