#!/usr/bin/env bash
# restore-interrupted: the container is killed (-9) while restore-on-empty
# writes files. The half-restored directory is never started: with S3 away the
# next start refuses (exit 4) and leaves it; with S3 back it resumes the
# restore with --delta, and every committed row is there (count and checksum).
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a cluster with ~150 MB of data, backed up"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table big as select g as id, md5(random()::text) || md5(random()::text) || md5(random()::text) || md5(random()::text) as v from generate_series(1, 900000) g" >/dev/null
checksum="select count(*) || ':' || sum(hashtext(v)::bigint) from big"
before=$(psql_in db "$checksum")
echo "rows:checksum $before"
assert_contains "$(dc exec -T db pgctl backup full 2>&1)" "full backup done" "pgctl backup full"

step "restore on an empty volume, killed while files arrive"
remove_db db
dc up -d db
restoring() { log_has db "restoring into"; }
for _ in $(seq 1 300); do restoring && break; sleep 0.2; done
restoring || fail "the restore did not start within 60 s"
dc pause s3 >/dev/null   # the restore cannot finish while we kill it
assert_eq "healthy: starting: restoring from the repository" "$(dc exec -T db pgctl health 2>&1)" \
	"pgctl health (the image's HEALTHCHECK) during a long restore"
db_id=$(dc ps -a -q db)
docker kill -s KILL "$db_id" >/dev/null
dc unpause s3 >/dev/null
must dc logs --no-color db
assert_contains "$OUT" "restoring into" "log of the killed container (the restore had started)"
assert_not_contains "$OUT" "restore finished" "log of the killed container"
marker=$(dc run --rm --no-deps -T --entrypoint sh db -c 'ls -A /var/lib/postgresql/18/ | grep -c pgctl-restore' || true)
assert_eq 1 "$marker" "the restore marker beside PGDATA"

step "with S3 away, the half-restored directory is refused, not started"
dc stop s3 >/dev/null
docker start "$db_id" >/dev/null
wait_for 90 "the container stops" container_exited db
assert_eq 4 "$(exit_code db)" "exit code"
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "a restore into PGDATA was interrupted and the repository cannot be read now" "refusal"
assert_not_contains "$logs" "database system is ready to accept connections" "log"

step "with S3 back, the restore resumes with --delta and nothing is lost"
dc start s3 >/dev/null
wait_for 60 "S3 is healthy" sh -c "[ \"\$(docker inspect -f '{{.State.Health.Status}}' $(dc ps -q s3))\" = healthy ]"
docker start "$db_id" >/dev/null
wait_for 240 "PostgreSQL accepts connections after the resumed restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "interrupted restore" "bootstrap log"
assert_contains "$logs" "restoring with --delta" "bootstrap log"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum after the resumed restore"
psql_in db "insert into big values (0, 'after')" >/dev/null
wait_archived db
