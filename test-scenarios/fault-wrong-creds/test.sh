#!/usr/bin/env bash
# fault-wrong-creds (issue 10, item 7): a wrong S3 secret key.
# (a) a NEW cluster on an empty volume: the container exits 4 (the repository
#     cannot be read, so pgctl cannot tell whether to restore) and PGDATA stays
#     empty;
# (b) an EXISTING cluster restarted with a wrong secret: PostgreSQL starts and
#     serves (an existing cluster does not need S3 to start), `pgctl status`
#     warns that the repository cannot be read, `pgctl check` fails naming the
#     credentials with the fix; with the right secret again archiving resumes,
#     nothing is lost (count and checksum) and a backup succeeds.
# The wrong secret never shows in logs or in status/check output.
# S3Mock accepts any credentials: the "s3" service here is always S3Proxy, a real
# S3 server that checks every signature (compose.yaml), against the .env secret
# (scenario.sh keeps it in S3_AUTH_SECRET whatever the db is started with).
. "$(dirname "$0")/../lib/scenario.sh"
good=$S3_AUTH_SECRET
wrong=s3secret-wrong-fault-wrong-creds-5e1d0c
scenario_start

no_secrets() {   # no_secrets TEXT WHAT
	assert_no_secret "$1" "$wrong" "$2 (the wrong S3 secret)"
	assert_no_secret "$1" "$good" "$2 (the S3 secret)"
	assert_no_secret "$1" "$POSTGRES_PASSWORD" "$2 (the postgres password)"
}

step "the S3 service (S3Proxy, which checks signatures) starts"
dc up -d s3
wait_for 60 "the S3 service runs" sh -c "[ \"\$(docker inspect -f '{{.State.Health.Status}}' $(dc ps -q s3))\" = healthy ]"

step "(a) a new cluster on an empty volume with a wrong S3 secret: exit 4, nothing created"
PGBACKREST_REPO1_S3_KEY_SECRET=$wrong dc up -d db
wait_for 120 "the container stops" container_exited db
assert_eq 4 "$(exit_code db)" "exit code"
logs=$(dc logs --no-color db 2>&1)
printf '%s\n' "$logs" | grep -F "cannot be read" | head -3
assert_contains "$logs" "the backup repository cannot be read, so pgctl cannot tell whether a database must be restored" "refusal"
assert_contains "$logs" "credentials" "refusal (what to check)"
assert_contains "$logs" "PGCTL_RESTORE_ON_EMPTY=never" "refusal (how to force a new cluster)"
assert_not_contains "$logs" "PostgreSQL init process complete" "log (no initdb)"
assert_not_contains "$logs" "database system is ready to accept connections" "log (no server)"
assert_eq 0 "$(pgdata_entries db)" "entries in PGDATA"
assert_contains "$(dc logs --no-color s3 2>&1)" "403 SignatureDoesNotMatch" "S3 service log (the wrong secret was refused)"
no_secrets "$logs" "log of the refused start"
dc rm -sfv db >/dev/null

step "(b) an existing cluster, made with the right secret"
dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table precious(id int primary key, v text); insert into precious select g, md5(g::text) from generate_series(1, 5000) g" >/dev/null
checksum="select count(*) || ':' || coalesce(sum(hashtext(v)::bigint), 0) from precious"
before=$(psql_in db "$checksum")
echo "rows:checksum before the restart $before"
wait_archived db
dc stop db >/dev/null

step "(b) restarted with a wrong S3 secret: PostgreSQL starts and serves"
PGBACKREST_REPO1_S3_KEY_SECRET=$wrong dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 60 "the cluster is a primary" sql_is db "select pg_is_in_recovery()" f
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum after the restart with the wrong secret"
failed0=$(psql_in db "select failed_count from pg_stat_archiver")   # statistics survive a clean restart
psql_in db "insert into precious select g, md5(g::text) from generate_series(5001, 6000) g" >/dev/null
psql_in db "select pg_switch_wal()" >/dev/null
archive_failed() { [ "$(psql_in db "select failed_count > $failed0 from pg_stat_archiver")" = t ]; }
wait_for 60 "WAL archiving fails (pg_stat_archiver.failed_count grows)" archive_failed
expected=$(psql_in db "$checksum")
echo "rows:checksum with the wrong secret $expected"

step "(b) pgctl status warns that the repository cannot be read"
status=$(dc exec -T db pgctl status 2>&1 || true)
printf '%s\n' "$status" | grep -A1 WARNING || true
assert_contains "$status" "WARNING the repository cannot be read" "pgctl status"
assert_contains "$status" "fix: docker exec <container> pgctl check" "pgctl status"
assert_contains "$status" "WARNING WAL archiving is failing" "pgctl status"

step "(b) pgctl check fails naming the credentials, with the fix"
capture dc exec -T db pgctl check
check=$OUT rc=$RC
printf '%s\n' "$check"
assert_eq 7 "$rc" "exit code of pgctl check"
assert_contains "$check" "FAILED  repository" "pgctl check"
assert_contains "$check" "fix: S3 refused the credentials: check PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET" "pgctl check"
set +e
check_json=$(dc exec -T db pgctl check --json 2>&1)
status_json=$(dc exec -T db pgctl status --json 2>&1)
set -e
assert_contains "$check_json" '"ok" : false' "pgctl check --json"

step "(b) the wrong secret shows nowhere"
no_secrets "$(dc logs --no-color db 2>&1)" "container log"
no_secrets "$status" "pgctl status"
no_secrets "$status_json" "pgctl status --json"
no_secrets "$check" "pgctl check"
no_secrets "$check_json" "pgctl check --json"
no_secrets "$(dc exec -T db ps -eo args)" "process list"

step "(b) the right secret again: archiving resumes, nothing lost, a backup succeeds"
dc stop db >/dev/null
dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
assert_eq "$expected" "$(psql_in db "$checksum")" "rows:checksum with the right secret again"
wait_archived db
failed=$(psql_in db "select failed_count from pg_stat_archiver")
psql_in db "insert into precious values (0, 'after')" >/dev/null
wait_archived db
assert_eq "$failed" "$(psql_in db "select failed_count from pg_stat_archiver")" "archive failures since the right secret is back"
out=$(dc exec -T db pgctl backup incr 2>&1)
assert_contains "$out" "incr backup done" "pgctl backup incr"
assert_contains "$(dc exec -T db pgctl check 2>&1; echo "rc=$?")" "rc=0" "pgctl check"
status=$(dc exec -T db pgctl status 2>&1)
assert_not_contains "$status" "the repository cannot be read" "pgctl status"
no_secrets "$(dc logs --no-color db 2>&1)" "container log at the end"
