#!/usr/bin/env bash
# fault-spool-full (issue 10, item 4): the archive spool (PGBACKREST_SPOOL_PATH,
# here a 1 MB tmpfs with 64 inodes) fills up, every block and inode, while a
# client writes. What pgBackRest 2.60 does: asynchronous archive-push keeps only
# empty status files there and recycles them, so archiving goes on and no WAL
# piles up. `pgctl status` still reports the full disk with the fix (a restore
# fetches WAL ahead into the spool); when space returns the warning is gone,
# and a restore of the latest on an empty volume holds every committed row
# (count and checksum): nothing lost.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

spool=/var/spool/pgbackrest
checksum="select count(*) || ':' || coalesce(sum(hashtext(v)::bigint), 0) from precious"
# WAL segments waiting to be archived; prints nothing (never 0) when the query fails
ready_segments() { psql_in db "select count(*) from pg_ls_archive_statusdir() where name like '%.ready'"; }
failed_count() { psql_in db "select failed_count from pg_stat_archiver"; }
write_rows() { # write_rows FROM TO: one transaction
	psql_in db "insert into precious select g, md5(g::text) from generate_series($1, $2) g" >/dev/null
}


step "a cluster whose archive spool is a small tmpfs"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
dc exec -T db df -h "$spool"
psql_in db "create table precious(id int primary key, v text not null)" >/dev/null
write_rows 1 1000
wait_archived db

step "the spool fills up: archiving goes on, nothing waits in pg_wal, PostgreSQL keeps serving"
# every block and every inode: a full disk, as a runaway log or an undersized volume leaves it
dc exec -T -u postgres db sh -c "dd if=/dev/zero of=$spool/filler bs=16k 2>/dev/null; i=0; while touch $spool/f\$i 2>/dev/null; do i=\$((i + 1)); done; true"
dc exec -T db df -h "$spool"
dc exec -T db df -i "$spool"
assert_eq 0 "$(dc exec -T db df --output=avail "$spool" | tail -1 | tr -d ' ')" "free blocks in the spool"
assert_eq 0 "$(dc exec -T db df --output=iavail "$spool" | tail -1 | tr -d ' ')" "free inodes in the spool"
failed0=$(failed_count)
# pgBackRest's asynchronous archive-push keeps only empty status files in the spool
# and removes the previous ones before it writes the next: a full spool does not stop it
for n in 1 2 3; do
	write_rows $((n * 1000 + 1)) $((n * 1000 + 1000))
	wait_archived db
done
assert_eq "$failed0" "$(failed_count)" "pg_stat_archiver.failed_count while the spool is full"
assert_eq 0 "$(ready_segments)" "WAL segments waiting in pg_wal"
ok "4000 rows committed and archived with a full spool"

step "pgctl status warns that the spool is full, with the fix"
status=$(dc exec -T db pgctl status 2>&1 || true)
printf '%s\n' "$status" | grep -A1 -E '^WARNING|space spool' || true
assert_contains "$status" "WARNING the archive spool $spool is full" "pgctl status"
assert_contains "$status" "PGBACKREST_SPOOL_PATH" "pgctl status (the setting)"
assert_not_contains "$status" "WARNING WAL archiving is failing" "pgctl status"
assert_contains "$(dc exec -T db pgctl status --json)" "the archive spool $spool is full" "pgctl status --json"
assert_contains "$(dc exec -T db pgctl check 2>&1; echo "rc=$?")" "rc=0" "pgctl check (the WAL round trip works)"

step "space returns: the warning is gone, archiving goes on"
dc exec -T -u postgres db sh -c "rm -f $spool/filler $spool/f*"
write_rows 4001 5000
wait_archived db
assert_eq "$failed0" "$(failed_count)" "pg_stat_archiver.failed_count"
status=$(dc exec -T db pgctl status 2>&1)
assert_not_contains "$status" "is full" "pgctl status"
before=$(psql_in db "$checksum")
echo "rows:checksum in the running cluster $before"
assert_eq 5000 "${before%%:*}" "rows in the running cluster"

step "nothing lost: a restore of the latest on an empty volume holds every row"
remove_db db
dc up -d db
wait_for 240 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_contains "$(dc logs --no-color db 2>&1)" "plan: restore" "bootstrap log"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum after the restore"
