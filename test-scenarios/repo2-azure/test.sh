#!/usr/bin/env bash
# repo2-azure (issue 19, scenario a): repo1 on S3, repo2 on Azure blob storage (Azurite, which checks every
# request's Shared Key signature). A new cluster's first full backup goes to both; rows written after it are
# archived to both; with S3 stopped, WAL archiving to repo2 goes on, status names the repository that is down
# and check fails (exit 7) naming it; an empty volume then restores from repo2 while S3 is still down, with
# every row.
. "$(dirname "$0")/../lib/scenario.sh"
work=$(mktemp -d)
export AZURE_KEY_FILE="$work/azure-key"
printf '%s' "$AZURE_KEY" >"$AZURE_KEY_FILE"
chmod 0644 "$AZURE_KEY_FILE"
scenario_start
trap 'rc=$?; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

checksum="select count(*) || ':' || coalesce(sum(hashtext(id || '/' || v)::bigint), 0) from rows2"
# status_json FIELD-PATH...: pgctl status --json, read with python (fails when status does)
repo_field() { # REPO FIELD: a field of repository REPO's line in status --json
	local json
	json=$(dc exec -T db pgctl status --json) || return
	python3 -c 'import json,sys; r=[x for x in json.load(sys.stdin)["repository"]["repos"] if x["repo"]==int(sys.argv[1])][0]; v=r.get(sys.argv[2]); print("" if v is None else v)' "$1" "$2" <<<"$json"
}
# wal_reached REPO SEGMENT: the newest WAL archived in REPO is SEGMENT or later
wal_reached() {
	local newest
	newest=$(repo_field "$1" newestWal) || return
	[ -n "$newest" ] && { [[ "$newest" > "$2" ]] || [ "$newest" = "$2" ]; }
}
backups_in() { # REPO: how many backups pgctl backups lists for REPO
	local json
	json=$(dc exec -T db pgctl backups --json) || return
	python3 -c 'import json,sys; r=[x for x in json.load(sys.stdin)["repos"] if x["repo"]==int(sys.argv[1])][0]; print(r["report"]["total"] if r.get("report") else -1)' "$1" <<<"$json"
}
has_backup_in() { [ "$(backups_in "$1")" -ge 1 ]; }

step "a new cluster with repo1 on S3 and repo2 on Azurite"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup to repo1 is done" log_has db "first full backup to repo1 done"
wait_for 180 "the first full backup to repo2 is done" log_has db "first full backup to repo2 done"
wait_for 30 "repo1 lists a backup" has_backup_in 1
wait_for 30 "repo2 lists a backup" has_backup_in 2
conf=$(dc exec -T -u postgres db cat /etc/pgbackrest/pgbackrest.conf)
assert_contains "$conf" "repo2-type=azure" "pgbackrest.conf"
assert_contains "$conf" "repo2-azure-uri-style=path" "pgbackrest.conf"
capture dc exec -T db pgctl check
printf '%s\n' "$OUT"
assert_eq 0 "$RC" "exit code of pgctl check with both repositories up"
assert_contains "$OUT" "ok      repository repo1" "pgctl check"
assert_contains "$OUT" "ok      repository repo2     azure://pgctltest/pg-backups/pgbackrest at azurite:10000 readable" "pgctl check"

step "rows written after the backup are archived to both repositories"
psql_in db "create table rows2(id int primary key, v text not null); insert into rows2 select g, md5(g::text) from generate_series(1,100) g" >/dev/null
seg=$(psql_in db "select pg_walfile_name(pg_current_wal_lsn())")
wait_archived db
wait_for 60 "repo1 holds WAL up to $seg" wal_reached 1 "$seg"
wait_for 60 "repo2 holds WAL up to $seg" wal_reached 2 "$seg"

step "a restore drill from repo2 alone (pgctl restore --to DIR --repo 2)"
capture dc exec -T db pgctl restore --to /tmp/drill-repo2 --repo 2 --json
printf '%s\n' "$OUT" | tail -n 20
assert_eq 0 "$RC" "exit code of the drill from repo2"
assert_contains "$OUT" '"ok" : true' "the drill's report"
capture dc exec -T db pgctl restore --to /tmp/drill-repo3 --repo 3
assert_eq 2 "$RC" "exit code of a drill from a repository that is not configured"
assert_contains "$OUT" "--repo 3: is not 1 or 2" "its message"

step "S3 stopped: archiving to repo2 goes on, and status and check name repo1"
dc stop s3 >/dev/null
psql_in db "insert into rows2 select g, md5(g::text) from generate_series(101,300) g" >/dev/null
expected=$(psql_in db "$checksum")
seg=$(psql_in db "select pg_walfile_name(pg_current_wal_lsn())")
psql_in db "select pg_switch_wal()" >/dev/null
wait_for 120 "repo2 holds WAL up to $seg (the rows written while S3 is down)" wal_reached 2 "$seg"
status=$(dc exec -T db pgctl status 2>&1)
printf '%s\n' "$status" | grep -E 'repo|WARNING|fix:' || true
assert_contains "$status" "repository       stanza main in 2 repositories: not all reachable" "pgctl status"
assert_contains "$status" "  repo1          s3://repo2-azure/pgbackrest at s3:9191: unreachable" "pgctl status"
assert_contains "$status" "  repo2          azure://pgctltest/pg-backups/pgbackrest at azurite:10000: reachable" "pgctl status"
assert_contains "$status" "the repository cannot be read: repo1 (s3://repo2-azure/pgbackrest at s3:9191)" "pgctl status (warning)"
assert_contains "$status" "WAL still goes to repo2" "pgctl status (warning)"
capture dc exec -T db pgctl check
printf '%s\n' "$OUT"
assert_eq 7 "$RC" "exit code of pgctl check with S3 down"
assert_contains "$OUT" "FAILED  repository repo1" "pgctl check"
assert_contains "$OUT" "ok      repository repo2" "pgctl check"
for s in "$AZURE_KEY" "$PGBACKREST_REPO1_S3_KEY_SECRET"; do
	assert_no_secret "$status$OUT" "$s" "status and check"
	assert_no_secret "$(dc exec -T db ps -eo args)" "$s" "the process list"
done

step "an empty volume restores from repo2 while S3 is still down"
remove_db db
dc up -d --no-deps db
wait_for 240 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_eq "$expected" "$(psql_in db "$checksum")" "rows:checksum after the restore from repo2"
logs=$(dc logs --no-color db 2>&1)
printf '%s\n' "$logs" | grep -iE 'restor|repo2' | head -20 || true
assert_contains "$logs" "repo2: restore backup set" "the restore's log (the backup set came from repo2)"
assert_contains "$logs" "restoring from repo2 (azure://pgctltest/pg-backups/pgbackrest at azurite:10000): the other repository cannot be read (repo1" "bootstrap says where it restores from and why"
assert_no_secret "$logs" "$AZURE_KEY" "the container's log"
