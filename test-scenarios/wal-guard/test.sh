#!/usr/bin/env bash
# wal-guard (issue 18, section 2): WAL that cannot reach S3 must not take the database down
# unannounced. Two primaries, each with pg_wal on a 320 MB tmpfs and a steady write load
# (about 2 MB of WAL a second), lose S3:
#   - dbng, without PGCTL_WAL_BACKLOG_MAX: pgctl status warns early that pg_wal is full in
#     about N minutes (also as a metric and an alert condition); then the disk fills and the
#     server stops as README says: PANIC "No space left on device", crash recovery cannot
#     write either, PostgreSQL shuts down and the container exits. No WAL is ever deleted.
#   - db, with PGCTL_WAL_BACKLOG_MAX=96MB: pgBackRest drops the waiting WAL, the server stays up
#     past the point where dbng stopped, status and an alert name the gap ("point-in-time
#     recovery impossible between T1 and T2"); when S3 returns, pgctl takes a full backup by
#     itself and the state clears; a restore of the latest on an empty volume holds every row,
#     those written after that backup included.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

walfs=/var/lib/postgresql/walfs
pgwal=/var/lib/postgresql/18/docker/pg_wal
checksum="select (select count(*) from load) || ':' || (select count(*) || ':' || coalesce(sum(hashtext(v)::bigint), 0) from after_gap)"
# a write loop inside the container: about 2 MB of WAL a second (less on a busy machine) until
# /tmp/stop-load exists
start_load() {
	dc exec -T "$1" psql -X -q -U postgres -c "create table load(id bigserial primary key, v text not null)"
	dc exec -T -d "$1" sh -c 'rm -f /tmp/stop-load; while [ ! -e /tmp/stop-load ]; do psql -X -q -U postgres -c "insert into load(v) select repeat(md5(g::text), 8) from generate_series(1, 6000) g" >/dev/null 2>&1; sleep 1; done'
}
status_of() { dc exec -T "$1" pgctl status 2>&1; }
status_has() { grep -qF -- "$2" <<<"$(status_of "$1")"; }
status_lacks() { ! grep -qF -- "$2" <<<"$(status_of "$1")"; }

step "two primaries, pg_wal on a 320 MB tmpfs each; only db has PGCTL_WAL_BACKLOG_MAX=96MB"
dc up -d
wait_for 120 "db accepts connections" pg_ready db
wait_for 120 "dbng accepts connections" pg_ready dbng
wait_for 120 "db: the first full backup is done" log_has db "first full backup done"
wait_for 120 "dbng: the first full backup is done" log_has dbng "first full backup done"
must dc exec -T -u postgres db cat /etc/pgbackrest/pgbackrest.conf
assert_contains "$OUT" "archive-push-queue-max=96MB" "db's pgbackrest.conf"
must dc exec -T -u postgres dbng cat /etc/pgbackrest/pgbackrest.conf
assert_not_contains "$OUT" "archive-push-queue-max" "dbng's pgbackrest.conf"
dc exec -T db df -h "$walfs"
psql_in db "create table after_gap(id int primary key, v text not null)" >/dev/null

step "S3 stops under a steady write load"
start_load db
start_load dbng
dc stop s3

step "dbng (no guard): the early warning says when pg_wal is full, before it is"
# the monitor records a sample every 10 s; a rate needs 30 s of them
wait_for 120 "dbng: status warns that pg_wal's disk is full in about ..." status_has dbng "WARNING pg_wal's disk ($pgwal) is full in about"
status=$(status_of dbng)
printf '%s\n' "$status" | grep -E -A1 '^wal waiting|pg_wal.s disk' || true
assert_contains "$status" "growing" "dbng: pgctl status (wal waiting row)"
capture dc exec -T dbng pgctl status --json
assert_eq 0 "$RC" "exit code of pgctl status --json on dbng"
assert_true "dbng: status --json has secondsToFull" grep -qE '"secondsToFull" : [0-9]+' <<<"$OUT"
capture dc exec -T dbng pgctl metrics
assert_true "dbng: metric pgctl_wal_disk_full_seconds" grep -qE '^pgctl_wal_disk_full_seconds [0-9.E]+$' <<<"$OUT"
assert_contains "$OUT" 'pgctl_warning{kind="wal_disk_filling"} 1.0' "dbng: pgctl metrics"
capture dc exec -T dbng pgctl notify
assert_contains "$OUT" "CRITICAL wal_disk_filling: pg_wal's disk" "dbng: pgctl notify (active conditions)"

step "dbng (no guard): at full disk PostgreSQL stops, as README says"
wait_for 240 "dbng's container exited" container_exited dbng
logs_ng=$(dc logs --no-color dbng 2>&1)
assert_contains "$logs_ng" "PANIC:  could not write to file \"pg_wal/xlogtemp" "dbng's log"
assert_contains "$logs_ng" "No space left on device" "dbng's log"
assert_contains "$logs_ng" "database system is shut down" "dbng's log"
assert_not_contains "$logs_ng" "dropped WAL file" "dbng's log (no WAL dropped without PGCTL_WAL_BACKLOG_MAX)"

step "db (guard): pgBackRest drops WAL, the server stays up, status and an alert name the gap"
wait_for 120 "db: status names the gap" status_has db "point-in-time recovery is impossible between"
assert_true "db accepts connections after dbng stopped" pg_ready db
status=$(status_of db)
printf '%s\n' "$status" | grep -E -A1 '^wal gap|WAL was dropped' || true
assert_true "db: status's gap names T1 and T2" grep -qE 'point-in-time recovery is impossible between [0-9T:-]+Z and [0-9T:-]+Z' <<<"$status"
assert_contains "$status" "wal gap" "db: pgctl status (wal gap row)"
capture dc exec -T db pgctl notify
assert_contains "$OUT" "CRITICAL wal_dropped: WAL was dropped to keep PostgreSQL up" "db: pgctl notify (active conditions)"
assert_contains "$(dc logs --no-color db 2>&1)" "because archive queue exceeded 96MB" "db's log (pgBackRest's drop)"
rows0=$(psql_in db "select count(*) from load")
wait_for 60 "db: rows keep being committed" sql_is db "select count(*) > $rows0 from load" t
assert_true "db's container runs" test "$(docker inspect -f '{{.State.Status}}' "$(dc ps -a -q db)")" = running

step "S3 returns: pgctl takes a full backup by itself, and only then the gap clears"
dc exec -T db touch /tmp/stop-load
dc start s3
wait_for 240 "db: the full backup after the gap succeeded" log_has db "the full backup after the WAL gap succeeded"
assert_true "db: status no longer names a gap" status_lacks db "point-in-time recovery is impossible"
must dc exec -T -u postgres db pgbackrest --stanza=main info
printf '%s\n' "$OUT" | grep -E 'full backup' || true
assert_eq 2 "$(count_lines '^ +full backup: ' "$OUT")" "full backups of db in the repository (the first, and pgctl's after the gap)"

step "rows written after that backup, then a restore of the latest on an empty volume"
psql_in db "insert into after_gap select g, md5(g::text) from generate_series(1, 5000) g" >/dev/null
wait_archived db
before=$(psql_in db "$checksum")
echo "load rows:after_gap rows:checksum $before"
remove_db db
dc up -d db
wait_for 240 "the restored db accepts connections" pg_ready db
wait_for 120 "the restored db is promoted" sql_is db "select pg_is_in_recovery()" f
assert_contains "$(dc logs --no-color db 2>&1)" "plan: restore" "bootstrap log"
assert_eq "$before" "$(psql_in db "$checksum")" "rows and checksum after the restore"
