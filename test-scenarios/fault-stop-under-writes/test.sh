#!/usr/bin/env bash
# fault-stop-under-writes (issue 10, item 9): `docker stop` (compose's default
# 10 s grace) while three clients commit 2000-row batches as fast as they can
# and a fourth session runs one long insert of millions of rows. The container
# exits 0 after "database system is shut down", the next start needs no crash
# recovery, and every batch a client saw COMMIT for is there, complete (count
# and checksum); the long insert never committed and left nothing.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
work=$(mktemp -d)
trap 'rc=$?; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

clients="1 2 3"
batch_rows=2000

step "a cluster, and four sessions writing"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table writes(batch int not null, n int not null, v text not null, primary key (batch, n));
	create table bulk(id bigint, v text)" >/dev/null
# the long insert, in the db container (it dies with it)
dc exec -T db psql -X -U postgres -c "insert into bulk select g, md5(g::text) from generate_series(1, 30000000) g" \
	>"$work/bulk.out" 2>&1 &
writers=($!)
# Each client, in its own container (it outlives the db): one batch per
# autocommit statement, and "committed <batch>" printed once psql has the
# COMMIT; ON_ERROR_STOP ends it at the first error (the shutdown).
for c in $clients; do
	(
		for i in $(seq 1 100000); do
			b=$((c * 1000000 + i))
			echo "insert into writes select $b, g, md5('$b/' || g) from generate_series(1, $batch_rows) g;"
			echo "\\echo committed $b"
		done | dc run --rm -T --no-deps client stdbuf -oL psql -X -q -v ON_ERROR_STOP=1 -f - \
			>"$work/client$c.out" 2>"$work/client$c.err" || true
	) &
	writers+=($!)
done
batches() { cat "$work"/client*.out 2>/dev/null | grep -c '^committed ' || true; }
batches_at_least() { [ "$(batches)" -ge "$1" ]; }
bulk_running() { sql_is db "select count(*) from pg_stat_activity where state = 'active' and query like 'insert into bulk%'" 1; }
wait_for 60 "the long insert runs" bulk_running
wait_for 60 "the clients committed 30 batches" batches_at_least 30
wait_for 30 "the clients keep committing" batches_at_least 60
bulk_running || fail "the long insert ended before the stop: $(cat "$work/bulk.out")"
echo "WAL written so far: $(psql_in db "select pg_size_pretty(pg_current_wal_lsn() - '0/0')")"

step "docker stop during the writes: clean shutdown, exit 0"
start=$(date +%s)
dc stop db
echo "docker stop took $(($(date +%s) - start)) s"
writers_ended() { local p; for p in "${writers[@]}"; do ! kill -0 "$p" 2>/dev/null || return 1; done; }
wait_for 60 "the four sessions ended" writers_ended
assert_eq 0 "$(exit_code db)" "exit code of the stopped container"
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "received fast shutdown request" "PostgreSQL log"
assert_contains "$logs" "database system is shut down" "PostgreSQL log"
# the last shutdown (the first is the official entrypoint's temporary server after initdb)
awk '/received fast shutdown request/ { buf = "" } { buf = buf $0 "\n" } END { printf "%s", buf }' <<<"$logs" |
	grep -v -e 'pgbackrest: ' -e STATEMENT | cut -c1-200
committed=$(cat "$work"/client*.out | sed -n 's/^committed //p' | sort -n)
n=$(grep -c . <<<"$committed" || true)
echo "batches the clients saw COMMIT for: $n ($((n * batch_rows)) rows)"
for c in $clients; do
	echo "client $c: $(grep -c '^committed ' "$work/client$c.out" || true) batches, ended with: $(tail -1 "$work/client$c.err")"
done
echo "long insert ended with: $(tail -1 "$work/bulk.out")"
[ "$n" -ge 60 ] || fail "only $n batches were committed before the stop"

step "the next start: no crash recovery"
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dc start db
wait_for 120 "PostgreSQL accepts connections after the restart" pg_ready db
logs=$(dc logs --no-color db 2>&1)
after=$(dc logs --no-color --since "$since" db 2>&1)
assert_contains "$after" "plan: start existing" "bootstrap log after the restart"
assert_contains "$after" "database system was shut down at" "PostgreSQL log after the restart"
for crash in "database system was interrupted" "not properly shut down" "automatic recovery in progress" \
	"terminating any other active server processes"; do
	assert_not_contains "$logs" "$crash" "PostgreSQL log"
done

step "every committed batch is there, complete; the uncommitted long insert left nothing"
list=$(tr '\n' ',' <<<"$committed" | sed 's/,$//')
present=$(psql_in db "select count(*) || ':' || sum(hashtext(v)::bigint) from writes where batch in ($list)")
expected=$(psql_in db "select count(*) || ':' || sum(hashtext(md5(b || '/' || g))::bigint)
	from unnest(array[$list]) b, generate_series(1, $batch_rows) g")
echo "rows:checksum committed $expected, present $present"
assert_eq "$expected" "$present" "rows:checksum of the committed batches"
assert_eq "$n" "$(psql_in db "select count(distinct batch) from writes where batch in ($list)")" "committed batches present"
extra=$(psql_in db "select count(distinct batch) from writes where batch not in ($list)")
# a batch can commit while its client is being cut off, before it prints the line
[ "$extra" -le 3 ] || fail "$extra batches the clients never saw committed"
ok "batches beyond those seen committed: $extra (at most one per client)"
assert_eq 0 "$(psql_in db "select count(*) from (select batch from writes group by batch having count(*) <> $batch_rows) x")" "incomplete batches"
assert_eq 0 "$(psql_in db "select count(*) from bulk")" "rows of the long insert (never committed)"

step "archiving continues"
wait_archived db
