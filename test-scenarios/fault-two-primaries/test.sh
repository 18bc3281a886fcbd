#!/usr/bin/env bash
# fault-two-primaries (issue 10, item 6): a copy restored from the original's
# backups (same settings, empty volume) is promoted while the original still
# runs, and archives a newer timeline into the same stanza. The original
# detects it: `pgctl status` warns and `pgctl check` fails with the
# explanation and the fix. Meanwhile the original keeps serving and archiving,
# its backups keep working and the repository verifies clean. Following the fix
# (copy stopped, PGBACKREST_STANZA set to a new name) clears the warning and
# backs the original up in its own stanza; every row is there (count, checksum).
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

checksum="select count(*) || ':' || coalesce(sum(hashtext(v)::bigint), 0) from precious"
timeline_of() { psql_in "$1" "select substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)"; }

step "the original: a cluster with rows and its first full backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table precious(id int primary key, v text not null); insert into precious select g, md5(g::text) from generate_series(1, 1000) g" >/dev/null
wait_archived db
assert_eq 00000001 "$(timeline_of db)" "timeline of the original"
status=$(dc exec -T db pgctl status 2>&1)
assert_not_contains "$status" "two primaries" "pgctl status before the copy"

step "a copy with the same settings starts on an empty volume: it restores and is promoted"
dc --profile copy up -d copy
wait_for 240 "the copy accepts connections" pg_ready copy
wait_for 120 "the copy is promoted" sql_is copy "select pg_is_in_recovery()" f
assert_contains "$(dc logs --no-color copy 2>&1)" "plan: restore" "copy's bootstrap log"
psql_in copy "insert into precious values (-1, 'written on the copy')" >/dev/null
wait_archived copy
copy_tl=$(timeline_of copy)
echo "the copy writes timeline $copy_tl"
[ "$copy_tl" != 00000001 ] || fail "the copy did not start a new timeline"

step "the original keeps serving and archiving"
psql_in db "insert into precious select g, md5(g::text) from generate_series(1001, 2000) g" >/dev/null
wait_archived db
before=$(psql_in db "$checksum")
echo "rows:checksum on the original $before"
assert_eq 2000 "${before%%:*}" "rows on the original"

step "the original detects two primaries on its stanza: status warns, check fails, each with the fix"
status=$(dc exec -T db pgctl status 2>&1 || true)
printf '%s\n' "$status" | grep -A1 WARNING || true
assert_contains "$status" "WARNING two primaries on stanza 'main': the repository holds WAL of timeline $((16#$copy_tl)), but this primary writes timeline 1" "pgctl status"
assert_contains "$status" "PGBACKREST_STANZA" "pgctl status (the fix)"
assert_contains "$(dc exec -T db pgctl status --json)" "two primaries on stanza 'main'" "pgctl status --json"
capture dc exec -T db pgctl check
check=$OUT rc=$RC
printf '%s\n' "$check"
assert_eq 7 "$rc" "exit code of pgctl check"
assert_contains "$check" "FAILED  timeline" "pgctl check"
assert_contains "$check" "ok      archive round trip" "pgctl check (archiving itself works)"

step "the original's backups keep working and the repository verifies"
out=$(dc exec -T db pgctl backup full 2>&1)
assert_contains "$out" "full backup done" "pgctl backup full on the original"
verify=$(dc exec -T -u postgres db pgbackrest --stanza=main --log-level-console=info verify 2>&1; echo "rc=$?")
printf '%s\n' "$verify" | grep -E 'results|status|rc=' | tail -5
assert_contains "$verify" "rc=0" "pgbackrest verify"
assert_not_contains "$verify" "invalid" "pgbackrest verify"
assert_eq "ok" "$(dc exec -T -u postgres db pgbackrest --stanza=main --output=json info | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"]["message"])')" "stanza status"

step "the fix: the copy stopped, the original on a fresh stanza"
dc --profile copy rm -sfv copy >/dev/null
docker volume rm "${COMPOSE_PROJECT_NAME}_copydata" >/dev/null
dc stop db >/dev/null
STANZA=main2 dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup in the new stanza is done" log_has db "first full backup done"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum after the restart"
wait_archived db
status=$(dc exec -T db pgctl status 2>&1)
assert_not_contains "$status" "two primaries" "pgctl status in the new stanza"
assert_contains "$(dc exec -T db pgctl check 2>&1; echo "rc=$?")" "rc=0" "pgctl check in the new stanza"
assert_contains "$(repo_backups db)" " full" "backups of the new stanza"
