#!/usr/bin/env bash
# existing-db: a cluster created and filled by the (stand-in) official image
# starts unchanged with this image, with SSL on and nothing in S3, until
# `pgctl enable-backups`; then a full backup is in S3 and restoring it on an
# empty volume gives the same data. Another adopted cluster pointed at the
# same stanza: enable-backups refuses (exit 4) and explains, and the first
# cluster's backups are untouched.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
sum="select count(*) || ':' || md5(string_agg(id || name, ',' order by id)) from items"
q() { dc exec -T "$1" psql -X -v ON_ERROR_STOP=1 -U postgres -d shop -At -c "$2"; }

step "the official image creates and fills a cluster"
dc --profile official up -d official
wait_for 120 "the official image's PostgreSQL accepts connections" pg_ready official
q official "create table items(id int primary key, name text); insert into items select g, 'item ' || g from generate_series(1,700) g" >/dev/null
expected=$(q official "$sum")
dc --profile official stop official
dc --profile official rm -f official >/dev/null

step "the same volume starts with this image"
dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
assert_eq "$expected" "$(q db "$sum")" "rows and checksum (data intact)"
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "plan: start existing" "bootstrap log"
assert_not_contains "$logs" "PostgreSQL init process complete" "log (no re-init)"
assert_contains "$logs" "pgctl enable-backups" "start-up log (the command to start backups)"
assert_eq "on" "$(psql_in db 'show ssl')" "ssl"
assert_contains "$(dc exec -T db pgctl status)" "backups pending" "pgctl status"

step "nothing is sent to S3 before enable-backups"
psql_in db "select pg_switch_wal()" >/dev/null
q db "insert into items values (701, 'after adoption')" >/dev/null
expected=$(q db "$sum")
psql_in db "select pg_switch_wal()" >/dev/null
assert_eq "" "$(dc exec -T -u postgres db pgbackrest repo-ls --recurse 2>&1)" "objects in the repository"
capture dc exec -T db pgctl backup full
out=$OUT rc=$RC
assert_eq 3 "$rc" "pgctl backup full before enable-backups"
assert_contains "$out" "enable-backups" "refusal"

step "pgctl enable-backups"
out=$(dc exec -T db pgctl enable-backups 2>&1)
printf '%s\n' "$out" | grep -v "pgbackrest:"
for n in 1 2 3 4 5 6; do assert_contains "$out" "$n/6 " "enable-backups steps"; done
assert_contains "$out" "backups are enabled" "enable-backups"
assert_eq "1" "$(repo_backups db | grep -c ' full$')" "full backups in the repository"
assert_contains "$(dc exec -T db pgctl enable-backups 2>&1)" "already enabled" "a second enable-backups"
must dc exec -T db pgctl status
assert_not_contains "$OUT" "backups pending" "pgctl status"
wait_for 30 "the scheduler runs" dc exec -T db pgrep -x supercronic

step "the backup restores on an empty volume with the same data"
wait_archived db
remove_db db
dc up -d db
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
assert_eq "$expected" "$(q db "$sum")" "rows and checksum after the restore"

step "another adopted cluster on the same stanza: enable-backups refuses and touches nothing"
dc --profile other up -d official2
wait_for 120 "the second official cluster accepts connections" pg_ready official2
dc --profile other stop official2
dc --profile other rm -f official2 >/dev/null
dc --profile other up -d db2
wait_for 120 "the second cluster starts with this image" pg_ready db2
before=$(repo_backups db)
capture dc exec -T db2 pgctl enable-backups
out=$OUT rc=$RC
assert_eq 4 "$rc" "exit code of enable-backups against another cluster's stanza"
assert_contains "$out" "the repository already holds stanza 'main' of another cluster" "enable-backups"
assert_contains "$out" "PGBACKREST_STANZA=main-" "enable-backups (the fix: its own stanza)"
assert_contains "$out" "PGBACKREST_REPO1_PATH=" "enable-backups (the fix: its own path)"
assert_eq "$before" "$(repo_backups db)" "the first cluster's backups"
assert_contains "$(dc exec -T db2 pgctl status)" "backups pending" "pgctl status of the second cluster"
assert_contains "$(dc exec -T db pgctl backup incr 2>&1)" "incr backup done" "the first cluster still backs up"
