#!/usr/bin/env bash
# restore-latest: rows written after the last backup, already archived as WAL,
# come back too when an empty volume restores the latest backup.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a database, a backup, then more rows that exist only in archived WAL"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table t(id int primary key, note text); insert into t select g, 'in backup' from generate_series(1,1000) g" >/dev/null
dc exec -T db pgctl backup full >/dev/null
psql_in db "insert into t select g, 'only in WAL' from generate_series(1001,1500) g" >/dev/null
expected=$(psql_in db "select count(*) || ':' || md5(string_agg(id || note, ',' order by id)) from t")
wait_archived db

step "lose the container and its volume, start on an empty one"
remove_db db
dc up -d db
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_eq "$expected" "$(psql_in db "select count(*) || ':' || md5(string_agg(id || note, ',' order by id)) from t")" "rows, including those written after the backup"
assert_eq "500" "$(psql_in db "select count(*) from t where note = 'only in WAL'")" "rows that were only in archived WAL"

step "the restored cluster archives on its new timeline"
wait_archived db
assert_contains "$(psql_in db "select last_archived_wal from pg_stat_archiver")" "00000002" "last archived WAL (timeline 2)"
