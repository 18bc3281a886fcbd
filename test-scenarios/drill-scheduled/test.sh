#!/usr/bin/env bash
# drill-scheduled: PGCTL_DRILL_SCHEDULE runs a restore drill of the latest backup every minute: it passes with
# page checksums, amcheck and the user's sanity queries; its result is in `drills --json` and `status --json` and
# survives a new container; a failing sanity query fails the drill and is named; a drill that does not fit under
# PGCTL_DRILL_DIR is skipped with a warning. DRILL_BENCH=1 also measures pgbench's TPS with and without a drill.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

# the newest drill result that started at or after $1, as JSON ("" when there is none yet)
drill_since() {
	dc exec -T db pgctl drills --json --last 30 2>/dev/null | python3 -c '
import json, sys
since = sys.argv[1]
for d in json.load(sys.stdin):
    if d["started"] >= since and (len(sys.argv) < 3 or d["result"] == sys.argv[2]):
        print(json.dumps(d)); break' "$@"
}
has_drill_since() { [ -n "$(drill_since "$@")" ]; }
utc_now() { date -u +%Y-%m-%dT%H:%M:%S; }
field() { python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, {"d": d}))' "$1" "$2"; }

export DRILL_SQL="select count(*) = 250 from orders
-- a comment line, ignored
select exists(select 1 from orders where created > now() - interval '1 day');"
export DRILL_DIR=/var/lib/postgresql/pgctl/drill

step "a primary with orders and its first full backup; drills every minute"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup is done" log_has db "first full backup done"
must dc exec -T db cat /etc/pgctl/crontab
assert_contains "$OUT" "* * * * * pgctl drill --scheduled" "crontab"
t1=$(utc_now)

step "a scheduled drill passes with page checksums, amcheck and both sanity queries"
wait_for 420 "a scheduled drill passed" has_drill_since "$t1" passed
d=$(drill_since "$t1" passed)
printf '%s\n' "$d"
assert_eq "True" "$(field "$d" 'd["scheduled"]')" "started by the schedule"
assert_eq "True" "$(field "$d" 'd["amcheck"]["heapChecked"] > 0 and d["amcheck"]["btreeChecked"] > 0')" "amcheck checked tables and B-tree indexes"
assert_eq "0 0" "$(field "$d" 'str(d["amcheck"]["corrupt"]) + " " + str(d["checksumFailures"])')" "corrupt relations and bad pages"
assert_eq "2/2" "$(field "$d" 'str(d["queries"]["passed"]) + "/" + str(d["queries"]["run"])')" "sanity queries passed"
assert_eq "True" "$(field "$d" 'd["checksumBlocks"] > 0 and d["backup"].endswith("F") and d["restoreSeconds"] >= 0')" "checksums, backup label, restore time"
started=$(field "$d" 'd["started"]')
must dc exec -T db pgctl status --json
assert_eq "passed" "$(field "$OUT" 'd["lastDrill"]["result"]')" "status --json: the last drill"
assert_not_contains "$(field "$OUT" '[w["what"] for w in d["warnings"]]')" "restore drill" "status --json: warnings"
must dc exec -T db pgctl status
assert_contains "$OUT" "last drill       passed" "status: the last drill line"
must dc exec -T db pgctl drills
assert_contains "$OUT" "passed" "pgctl drills"
must dc logs --no-color db
assert_contains "$OUT" "drill passed" "docker logs: the scheduled drill"
must dc exec -T db sh -c 'ls /var/lib/postgresql/pgctl/drills; echo looked'
assert_contains "$OUT" "drill-" "results on the volume"
must dc exec -T db sh -c 'ls /var/lib/postgresql/18/docker; echo looked'
assert_contains "$OUT" "PG_VERSION" "PGDATA listing"
assert_not_contains "$OUT" "drill" "PGDATA (no result kept there)"

step "the result survives a new container (same volume)"
dc rm -sf db >/dev/null
dc up -d db
wait_for 120 "PostgreSQL accepts connections again" pg_ready db
assert_eq "passed" "$(field "$(drill_since "$started" passed)" 'd["result"]')" "drills --json after a new container: the drill of $started"
must dc exec -T db pgctl status --json
assert_eq "True" "$(field "$OUT" 'd["lastDrill"] is not None')" "status --json after a new container"

step "a drill whose sanity query returns false fails and names the query"
export DRILL_SQL="select count(*) = 250 from orders
select count(*) = 0 from orders"
dc up -d db
wait_for 120 "PostgreSQL accepts connections with the new queries" pg_ready db
t2=$(utc_now)
wait_for 420 "a scheduled drill failed" has_drill_since "$t2" failed
d=$(drill_since "$t2" failed)
printf '%s\n' "$d"
assert_contains "$(field "$d" 'd["failures"]')" "query failed: select count(*) = 0 from orders: returned f, not true" "failures"
assert_eq "1/2" "$(field "$d" 'str(d["queries"]["passed"]) + "/" + str(d["queries"]["run"])')" "sanity queries passed"
must dc exec -T db pgctl status --json
assert_contains "$(field "$OUT" '[w["what"] for w in d["warnings"]]')" "the last restore drill" "status --json: DRILL_FAILED"
assert_contains "$(field "$OUT" '[w["what"] for w in d["warnings"]]')" "select count(*) = 0 from orders" "status --json: the failed query named"
must dc logs --no-color db
assert_contains "$OUT" "query failed: select count(*) = 0 from orders" "docker logs: the failed query"

step "a drill that would not fit under PGCTL_DRILL_DIR (a 1 MiB tmpfs) is skipped with a warning"
export DRILL_SQL="select true" DRILL_DIR=/drill-tiny
dc up -d db
wait_for 120 "PostgreSQL accepts connections with the tiny drill directory" pg_ready db
t3=$(utc_now)
wait_for 240 "a scheduled drill was skipped" has_drill_since "$t3" skipped
d=$(drill_since "$t3" skipped)
printf '%s\n' "$d"
assert_contains "$(field "$d" 'd["failures"]')" "the drill needs about" "skip reason"
must dc logs --no-color db
assert_contains "$OUT" "drill skipped: the drill needs about" "docker logs: the warning"
must dc exec -T db sh -c 'ls -A /drill-tiny; echo looked'
assert_eq "looked" "$OUT" "nothing written under the tiny PGCTL_DRILL_DIR"

if [ "${DRILL_BENCH:-}" = 1 ]; then
	step "measure: pgbench TPS alone and with a drill running (DRILL_BENCH=1)"
	export DRILL_DIR=/var/lib/postgresql/pgctl/drill DRILL_SCHEDULE=off
	dc up -d db
	wait_for 120 "PostgreSQL accepts connections, schedule off" pg_ready db
	dc exec -T -u postgres db pgbench -q -i -s 20 shop >/dev/null 2>&1
	must dc exec -T db pgctl backup full
	tps() { dc exec -T -u postgres db pgbench -n -c 4 -j 2 -T 30 shop 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'; }
	alone=$(tps)
	bench_out=$(mktemp)
	dc exec -T db pgctl drill >"$bench_out" 2>&1 &
	drill=$!
	wait_for 60 "the drill is restoring" grep -q "drill: restoring" "$bench_out"
	with=$(tps)
	drill_state=$(kill -0 "$drill" 2>/dev/null && echo "still running" || echo "already done")
	set +e
	wait "$drill"
	drill_rc=$?
	set -e
	echo "the drill by hand exited $drill_rc"
	echo "pgbench tps alone: $alone; with a drill running: $with (the drill was $drill_state at the end); ratio $(python3 -c "print(round($with / $alone, 2))")"
	grep -E "drill (passed|failed)|took|RTO" "$bench_out" || cat "$bench_out"
	rm -f "$bench_out"
fi
