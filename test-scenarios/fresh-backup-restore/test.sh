#!/usr/bin/env bash
# fresh-backup-restore: new database -> rows -> `pgctl backup full` -> listed by
# pgbackrest info -> container and volume removed -> a new container on an
# empty volume restores the latest backup before PostgreSQL starts -> rows back.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "start a new database with backups configured"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done without any manual step" log_has db "first full backup done"

step "write rows"
psql_in db "create table drill(id int primary key, note text); insert into drill select g, md5(g::text) from generate_series(1,2000) g" >/dev/null
before=$(psql_in db "select count(*) || ':' || md5(string_agg(note, ',' order by id)) from drill")

step "pgctl backup full (the command cron uses)"
out=$(dc exec -T db pgctl backup full --label scenario 2>&1)
assert_contains "$out" "full backup done" "pgctl backup full output"
backups=$(repo_backups db)
assert_eq 2 "$(printf '%s\n' "$backups" | grep -c ' full$')" "full backups listed by pgbackrest info --output=json"
# .env sets PGBACKREST_REPO1_CIPHER_PASS: the repository is encrypted (and the restore below needs the passphrase)
cipher=$(dc exec -T -u postgres db pgbackrest --stanza=main --output=json info |
	python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["repo"][0]["cipher"])')
assert_eq "aes-256-cbc" "$cipher" "cipher of the repository"

step "remove the container and its volume"
dc rm -sfv db >/dev/null
docker volume rm "${COMPOSE_PROJECT_NAME}_pgdata" >/dev/null
must docker volume ls -q --filter name="^${COMPOSE_PROJECT_NAME}_pgdata$"
assert_eq "" "$OUT" "volume after removal"

step "start a new container on an empty volume"
dc up -d db
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "plan: restore" "bootstrap log"
assert_contains "$logs" "restore finished in" "bootstrap log"
restore_line=$(printf '%s\n' "$logs" | grep -n "restore finished in" | head -1 | cut -d: -f1)
start_line=$(printf '%s\n' "$logs" | grep -n "starting PostgreSQL 18" | head -1 | cut -d: -f1)
[ "$restore_line" -lt "$start_line" ] || fail "the restore (log line $restore_line) did not finish before PostgreSQL started (line $start_line)"
ok "the restore finished before PostgreSQL started"
assert_not_contains "$logs" "PostgreSQL init process complete" "log of the restored container (no initdb)"

step "the rows are back"
wait_for 120 "the restored cluster is promoted (not in recovery)" sql_is db "select pg_is_in_recovery()" f
after=$(psql_in db "select count(*) || ':' || md5(string_agg(note, ',' order by id)) from drill")
assert_eq "$before" "$after" "row count and checksum of table drill"

step "docker exec <c> pgctl status answers"
status=$(dc exec -T db pgctl status)
printf '%s\n' "$status"
assert_contains "$status" "reachable" "pgctl status"
assert_contains "$status" "latest full" "pgctl status"
json=$(dc exec -T db pgctl status --json)
assert_eq "true" "$(printf '%s' "$json" | python3 -c 'import json,sys; print(str(json.load(sys.stdin)["postgres"]["up"]).lower())')" "status --json postgres.up"

step "no secret in the logs or the status output"
procs=$(dc exec -T db ps -eo args)
for secret in "$PGBACKREST_REPO1_S3_KEY_SECRET" "$POSTGRES_PASSWORD" "$PGBACKREST_REPO1_CIPHER_PASS"; do
	assert_no_secret "$(dc logs --no-color 2>&1)$status$json$procs" "$secret" "logs, status and process list"
done
