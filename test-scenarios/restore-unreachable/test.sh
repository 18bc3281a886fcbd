#!/usr/bin/env bash
# restore-unreachable: an empty volume while S3 is down -> the container exits
# non-zero with the guidance and creates no cluster; with S3 back, the next
# start restores.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a database with a backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table precious(id int); insert into precious select generate_series(1,300)" >/dev/null
dc exec -T db pgctl backup full >/dev/null

step "S3 is down when an empty volume starts"
remove_db db
dc stop s3
dc up -d --no-deps db
wait_for 120 "the container stops" container_exited db
assert_eq 4 "$(exit_code db)" "exit code"
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "the backup repository cannot be read" "refusal"
assert_contains "$logs" "PGCTL_RESTORE_ON_EMPTY=never" "refusal (how to force a new cluster)"
assert_not_contains "$logs" "PostgreSQL init process complete" "log (no initdb)"
assert_eq 0 "$(pgdata_entries db)" "entries in PGDATA"

step "S3 is back: the next start restores"
dc start s3
wait_for 120 "S3 is healthy" sh -c "[ \"\$(docker inspect -f '{{.State.Health.Status}}' \"\$(docker compose --project-directory '$SCENARIO_DIR' --env-file '$SCENARIO_DIR/.env' ps -q s3)\")\" = healthy ]"
dc start db
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_eq 300 "$(psql_in db "select count(*) from precious")" "rows after the restore"
