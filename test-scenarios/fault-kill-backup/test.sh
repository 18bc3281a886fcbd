#!/usr/bin/env bash
# fault-kill-backup (issue 10, item 2): the whole db container is killed (-9)
# while `pgctl backup full` copies files of a ~100 MB cluster. The next start
# is normal (the existing cluster starts, no restore; PostgreSQL's own crash
# recovery), every row is there (count and checksum), the next full backup
# succeeds, `pgbackrest verify` passes, and the repository holds no broken
# set: the killed backup is either gone or was resumed into a complete one.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

checksum="select count(*) || ':' || sum(hashtext(v)::bigint) from big"
info_json() { dc exec -T -u postgres db pgbackrest --output=json info; }

step "a cluster with ~100 MB of data and its first full backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table big as select g as id, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) as v from generate_series(1, 700000) g" >/dev/null
echo "database size: $(psql_in db "select pg_size_pretty(pg_database_size(current_database()))")"
before=$(psql_in db "$checksum")
echo "rows:checksum $before"
wait_archived db
assert_eq 1 "$(repo_backups db | wc -l | tr -d ' ')" "backups in the repository"

step "pgctl backup full, killed with the whole container while it copies files"
dc exec -T -d db pgctl backup full --label killed
# backup:local is pgBackRest's file-copy worker: it runs only while files are copied
copying() { dc exec -T db pgrep -f 'pgbackrest .*backup:local' >/dev/null; }
for _ in $(seq 1 200); do copying && break; sleep 0.2; done
copying || fail "pgBackRest did not start copying files within ~60 s"
db_id=$(dc ps -q db)
docker kill -s KILL "$db_id" >/dev/null
ok "container killed while pgBackRest copied files"
assert_eq 137 "$(exit_code db)" "exit code of the killed container"

step "the next start is normal: the cluster starts (no restore) and every row is there"
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
docker start "$db_id" >/dev/null
wait_for 120 "PostgreSQL accepts connections after the kill" pg_ready db
wait_for 60 "the cluster is a primary" sql_is db "select pg_is_in_recovery()" f
logs=$(dc logs --no-color --since "$since" db 2>&1)
assert_contains "$logs" "plan: start existing" "bootstrap log"
assert_not_contains "$logs" "restoring" "log after the kill"
assert_not_contains "$logs" "PostgreSQL init process complete" "log after the kill"
assert_contains "$logs" "database system is ready to accept connections" "PostgreSQL log"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum after the kill"
wait_for 60 "the after-start job finished" log_has db "no first full backup needed"
wait_archived db

step "the killed backup left no complete set"
repo_backups db
assert_eq 1 "$(repo_backups db | wc -l | tr -d ' ')" "complete backups in the repository"
partial=$(repo_orphans db) || fail "could not list the repository's backup folders"
echo "partial set left by the kill: ${partial:-none}"

step "the next full backup succeeds"
out=$(dc exec -T db pgctl backup full --label after-kill 2>&1)
printf '%s\n' "$out" | grep -iE 'resum|abort|partial|backup done|WARN' || true
assert_contains "$out" "full backup done" "pgctl backup full after the kill"
# the partial set must end up resumed (backup.info lists it) or removed (its folder is gone)
if [ -n "$partial" ]; then
	listed=$(repo_backups db) || fail "could not read backup.info"
	dirs=$(repo_backup_dirs db) || fail "could not list the repository's backup folders"
	if grep -qxF "$partial" <<<"$(cut -d' ' -f1 <<<"$listed")"; then
		ok "the killed set $partial was resumed into a complete backup"
	elif ! grep -qxF "$partial" <<<"$dirs"; then
		ok "the killed set $partial was removed"
	else
		fail "the killed set $partial is still in the repository, neither resumed nor removed"
	fi
fi

step "the repository verifies and holds no broken set"
backups=$(repo_backups db)
printf '%s\n' "$backups"
assert_eq 2 "$(wc -l <<<"$backups" | tr -d ' ')" "complete backups in the repository"
assert_eq 2 "$(grep -c ' full$' <<<"$backups")" "full backups in the repository"
left=$(repo_orphans db) || fail "could not list the repository's backup folders"
assert_eq "" "$left" "backup folders that backup.info does not list"
assert_eq "False" "$(info_json | python3 -c 'import json,sys; print(any(b.get("error") for s in json.load(sys.stdin) for b in s["backup"]))')" "a backup with errors"
assert_eq "ok" "$(info_json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"]["message"])')" "stanza status"
verify=$(dc exec -T -u postgres db pgbackrest --stanza=main --log-level-console=info verify 2>&1; echo "rc=$?")
printf '%s\n' "$verify" | grep -E 'results|status|rc=' | tail -5
assert_contains "$verify" "rc=0" "pgbackrest verify"
assert_not_contains "$verify" "invalid" "pgbackrest verify"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum at the end"
