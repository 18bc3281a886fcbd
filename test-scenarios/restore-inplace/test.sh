#!/usr/bin/env bash
# restore-inplace: `pgctl restore --time T` restores the container's own
# cluster. Without a terminal it needs --yes; on a terminal it asks (JLine) and
# "no" changes nothing; with --yes it archives what is written, records the
# request and stops PostgreSQL; the next start restores with --delta to T,
# promotes, and the cluster accepts writes and archives them.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "rows at T1, T2 and T3"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table events(name text, at timestamptz default clock_timestamp())" >/dev/null
psql_in db "insert into events(name) values ('T1')" >/dev/null
psql_in db "insert into events(name) values ('T2')" >/dev/null
target=$(psql_in db "select to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
psql_in db "insert into events(name) values ('T3')" >/dev/null
echo "target time: $target"
request=/var/lib/postgresql/18/docker/pgctl-restore-request
no_request() { dc exec -T db test ! -e "$request"; }

step "without a terminal and without --yes: refused, nothing changed"
capture dc exec -T db pgctl restore --time "$target"
out=$OUT rc=$RC
assert_eq 2 "$rc" "exit code"
assert_contains "$out" "pgctl restore --time '$target' --yes" "the refusal names the command for scripts"
assert_eq "T1 T2 T3" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows"
assert_true "no restore request recorded" no_request

step "on a terminal, answering 'no': not confirmed, nothing changed"
set +e
out=$(printf 'no\r' | script -qec "stty cols 160 rows 40; docker compose --project-directory '$SCENARIO_DIR' --env-file '$SCENARIO_DIR/.env' exec db pgctl restore --time '$target'" /dev/null 2>&1)
rc=$?
set -e
assert_eq 1 "$rc" "exit code"
assert_contains "$out" "Type 'yes' to confirm" "the terminal prompt"
assert_contains "$out" "not confirmed: nothing was changed" "the answer 'no'"
assert_eq "T1 T2 T3" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows"
assert_true "no restore request recorded" no_request

step "--yes: archives what is written, records the request, stops PostgreSQL"
out=$(dc exec -T db pgctl restore --time "$target" --yes 2>&1)
assert_contains "$out" "every WAL segment up to" "restore output"
assert_contains "$out" "recorded the restore request" "restore output"
assert_contains "$out" "docker start" "restore output (how to go on)"
wait_for 60 "the container stops" container_exited db
assert_eq 0 "$(exit_code db)" "exit code of the stopped container (a clean shutdown)"

step "the next start restores in place to T"
dc start db >/dev/null
wait_for 180 "PostgreSQL accepts connections after the restore" pg_ready db
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "restoring the cluster in place, as pgctl restore requested" "bootstrap log"
assert_contains "$logs" "restoring with --delta" "bootstrap log"
assert_eq "T1 T2" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows after the in-place restore"
assert_true "the restore request is gone" no_request

step "the restored cluster accepts writes, archives them, and backs up"
psql_in db "insert into events(name) values ('after')" >/dev/null
assert_eq "T1 T2 after" "$(psql_in db "select string_agg(name, ' ' order by at) from events")" "rows after a write"
wait_archived db
assert_contains "$(dc exec -T db pgctl backup incr 2>&1)" "incr backup done" "an incr backup on the new timeline"
