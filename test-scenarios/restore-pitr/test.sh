#!/usr/bin/env bash
# restore-pitr: rows at T1, T2, T3; restore to a time between T2 and T3 on an
# empty volume: T1 and T2 are there, T3 is not; the cluster then accepts
# writes and archives them. A target in the future is refused first, with
# nothing created.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "rows at T1, T2 and T3"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table events(name text, at timestamptz default clock_timestamp())" >/dev/null
psql_in db "insert into events(name) values ('T1')" >/dev/null
psql_in db "insert into events(name) values ('T2')" >/dev/null
target=$(psql_in db "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
psql_in db "insert into events(name) values ('T3')" >/dev/null
echo "target time: $target"
wait_archived db

step "a target in the future is refused before anything is created"
remove_db db
RESTORE_TARGET_TIME="2099-01-01 00:00:00+00" dc up -d db
wait_for 60 "the container stops" container_exited db
assert_eq 3 "$(exit_code db)" "exit code"
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "PGCTL_RESTORE_TARGET_TIME: 2099-01-01T00:00Z is in the future" "refusal"
assert_contains "$logs" "the repository can restore from" "refusal (what the repository holds)"
assert_eq 0 "$(pgdata_entries db)" "entries in PGDATA"
dc rm -sfv db >/dev/null

step "restore to the time between T2 and T3"
RESTORE_TARGET_TIME="$target" dc up -d db
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_contains "$(dc logs --no-color db 2>&1)" "recovering to time" "bootstrap log"
assert_eq "T1 T2" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows after the point-in-time restore"

step "the restored cluster accepts writes and archives them"
psql_in db "insert into events(name) values ('after')" >/dev/null
assert_eq "T1 T2 after" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows after a write"
wait_archived db
