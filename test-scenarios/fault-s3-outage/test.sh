#!/usr/bin/env bash
# fault-s3-outage (issue 10, item 1): S3 stopped for more than three archive
# intervals (PGCTL_ARCHIVE_TIMEOUT=10 in .env keeps that to ~30 s) while a
# client inserts a row every second. PostgreSQL keeps serving (every insert
# succeeds) and keeps the WAL in pg_wal; `pgctl status` warns with a fix and
# `pgctl check` fails naming the repository. When S3 is back the archive
# catches up; a point-in-time restore to a moment T inside the outage, on an
# empty volume, holds exactly the rows committed before T (count and checksum):
# no WAL gap.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
work=$(mktemp -d)
# stop the writer and remove its files, then the usual cleanup (with this script's exit code)
trap 'rc=$?; touch "$work/stop"; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

checksum="select count(*) || ':' || coalesce(sum(hashtext(id || '/' || v)::bigint), 0) from ticks"
rows() { psql_in db "select count(*) from ticks"; }
# WAL segments waiting to be archived; prints nothing (never 0) when the query fails
ready_segments() { psql_in db "select count(*) from pg_ls_archive_statusdir() where name like '%.ready'"; }
ready_at_least() { [ "$(ready_segments)" -ge "$1" ]; }
failed_count() { psql_in db "select failed_count from pg_stat_archiver"; }
failed_more_than() { [ "$(failed_count)" -gt "$1" ]; }

step "a cluster with archive_timeout=10s and a client inserting a row every second"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
assert_eq 10s "$(psql_in db "show archive_timeout")" "archive_timeout"

step "wait_archived on an idle cluster whose current WAL segment is empty"
# After an archive_timeout switch that follows the last running-transactions record, the new
# segment stays empty while the cluster is idle: pg_switch_wal() is then a no-op and that segment
# is never completed (the notify scenario's wait after S3 came back ran out so). wait_archived must
# wait for the segment before it. To get there: note when the current segment is empty (offset 40,
# its page header) and wait until it has stayed so for 20 s (longer than the 15 s interval of those
# records); when a segment with records stays current for 25 s instead, one transaction starts the
# next round (its commit is followed by a record and an archive_timeout switch).
idle_seg=''
idle_since=0
stays_empty() {
	local now cur
	now=$(date +%s)
	cur=$(psql_in db "select pg_walfile_name_offset(pg_current_wal_insert_lsn())") || return 1
	if [ "$cur" != "$idle_seg" ]; then
		idle_seg=$cur
		idle_since=$now
		return 1
	fi
	case $cur in
	*,40\)) [ $((now - idle_since)) -ge 20 ] ;;
	*)
		if [ $((now - idle_since)) -ge 25 ]; then
			psql_in db "select txid_current()" >/dev/null
			idle_seg=''
		fi
		return 1
		;;
	esac
}
wait_for 180 "the current WAL segment has stayed empty for 20 s" stays_empty
wait_archived db
psql_in db "create table ticks(id bigserial primary key, v text not null, at timestamptz not null default clock_timestamp())" >/dev/null
# The writer: one short transaction a second; each reported COMMIT goes to
# committed, each error to failed. It stops on $work/stop or when this script ends.
(
	while [ ! -e "$work/stop" ] && kill -0 $$ 2>/dev/null; do
		if id=$(dc exec -T db psql -X -q -v ON_ERROR_STOP=1 -U postgres -At \
			-c "insert into ticks(v) values (md5(clock_timestamp()::text)) returning id" 2>>"$work/errors"); then
			echo "$id" >>"$work/committed"
		else
			date -u +%T >>"$work/failed"
		fi
		sleep 1
	done
) &
writer=$!
committed() { [ -s "$work/committed" ] && wc -l <"$work/committed" | tr -d ' ' || echo 0; }
committed_at_least() { [ "$(committed)" -ge "$1" ]; }
wait_for 30 "the writer commits rows" committed_at_least 3
wait_archived db

step "S3 stopped: PostgreSQL keeps serving and keeps the WAL in pg_wal"
failed0=$(failed_count)
dc stop s3 >/dev/null
outage_start=$(date +%s)
at_stop=$(committed)
more_rows() { committed_at_least $((at_stop + $1)); }
wait_for 60 "archiving fails (pg_stat_archiver.failed_count grows)" failed_more_than "$failed0"
wait_for 60 "a WAL segment waits in pg_wal (archive_status/*.ready)" ready_at_least 1
wait_for 30 "the writer goes on committing" more_rows 5

step "pgctl status warns and pgctl check fails, each with the fix"
status=$(dc exec -T db pgctl status 2>&1 || true)
printf '%s\n' "$status" | grep -A1 -E '^WARNING|fix:' || true
assert_contains "$status" "WARNING WAL archiving is failing" "pgctl status"
assert_contains "$status" "WAL is kept in pg_wal until it succeeds" "pgctl status"
assert_contains "$status" "WARNING the repository cannot be read" "pgctl status"
assert_contains "$status" "fix: docker exec <container> pgctl check" "pgctl status"
capture dc exec -T db pgctl check
check=$OUT rc=$RC
printf '%s\n' "$check"
[ "$rc" != 0 ] || fail "pgctl check exited 0 while S3 is down"
assert_eq 7 "$rc" "exit code of pgctl check"
assert_contains "$check" "FAILED  repository" "pgctl check"
assert_contains "$check" "fix: " "pgctl check"
assert_contains "$check" "PGBACKREST_REPO1_S3_ENDPOINT" "pgctl check (the setting to look at)"

step "T, a moment inside the outage, and the rows committed before it"
# SHARE mode waits for inserts in flight and holds new ones back while T is
# read, so every row commits either before T (and is counted) or after it.
IFS='|' read -r T at_t <<<"$(dc exec -T db psql -X -q -v ON_ERROR_STOP=1 -U postgres -At -F '|' -c "begin; lock table ticks in share mode;
	select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00', ($checksum); commit;")"
echo "T = $T; rows:checksum committed before T = $at_t"
[ -n "$T" ] && [ -n "$at_t" ] || fail "could not read T"

step "the outage lasts at least three archive intervals"
wait_for 90 "three WAL segments wait in pg_wal" ready_at_least 3
wait_for 30 "the writer commits after T" more_rows 25
# three segments can be ready a moment before 30 s have passed (each archive_timeout switch is 10 s)
outage_lasted() { [ $(($(date +%s) - outage_start)) -ge "$1" ]; }
wait_for 60 "S3 has been down for three archive intervals (30 s)" outage_lasted 30
outage=$(($(date +%s) - outage_start))
[ "$outage" -ge 30 ] || fail "the outage lasted $outage s, less than three archive intervals (30 s)"
ok "outage of $outage s, $(ready_segments) WAL segments waiting in pg_wal"
[ ! -s "$work/failed" ] || { cat "$work/errors" >&2; fail "inserts failed during the outage at: $(tr '\n' ' ' <"$work/failed")"; }
ok "every insert during the outage committed ($(($(committed) - at_stop)) rows)"

step "S3 back: the archive catches up"
dc start s3 >/dev/null
wait_for 120 "S3 is healthy" service_healthy s3
wait_archived db
no_ready() { [ "$(ready_segments)" = 0 ]; }
wait_for 60 "no segment waits in pg_wal" no_ready
failed1=$(failed_count)
wait_archived db
assert_eq "$failed1" "$(failed_count)" "pg_stat_archiver.failed_count (no longer growing)"
status=$(dc exec -T db pgctl status 2>&1)
assert_not_contains "$status" "WARNING WAL archiving is failing" "pgctl status"
assert_not_contains "$status" "the repository cannot be read" "pgctl status"
assert_contains "$(dc exec -T db pgctl check 2>&1; echo "rc=$?")" "rc=0" "pgctl check"

step "writer stopped: every committed row is in the running cluster"
touch "$work/stop"
wait "$writer" || true
[ ! -s "$work/failed" ] || { cat "$work/errors" >&2; fail "inserts failed at: $(tr '\n' ' ' <"$work/failed")"; }
total=$(committed)
assert_eq "$total" "$(rows)" "rows in the cluster = COMMITs the client saw"
assert_eq "$(sort -n "$work/committed" | tr '\n' ' ')" "$(psql_in db "select id from ticks order by id" | tr '\n' ' ')" "ids in the cluster"
final=$(psql_in db "$checksum")
echo "rows:checksum at the end $final"
wait_archived db

step "no gap: a point-in-time restore to T on an empty volume holds exactly the rows committed before T"
remove_db db
RESTORE_TARGET_TIME="$T" dc up -d db
wait_for 240 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_contains "$(dc logs --no-color db 2>&1)" "recovering to time" "bootstrap log"
assert_eq "$at_t" "$(psql_in db "$checksum")" "rows:checksum after the restore to T"
echo "rows before the outage: $at_stop; before T: ${at_t%%:*}; at the end: ${final%%:*}; after the restore to T: ${at_t%%:*}"
