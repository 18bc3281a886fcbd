#!/usr/bin/env bash
# restart: an existing cluster restarts (docker stop + start) with no restore
# and no re-init, after a clean shutdown, and archiving and backups continue.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a cluster with rows and its first backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table kept(id int primary key); insert into kept select generate_series(1,500)" >/dev/null
before=$(psql_in db "select count(*) || ':' || sum(id) from kept")
backups_before=$(repo_backups db | wc -l | tr -d ' ')

step "docker stop, then start again"
since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
dc stop db
dc start db
wait_for 120 "PostgreSQL accepts connections after the restart" pg_ready db
wait_for 60 "the after-start job finished" sh -c "docker compose --project-directory '$SCENARIO_DIR' --env-file '$SCENARIO_DIR/.env' logs --since '$since' db 2>&1 | grep -q 'no first full backup needed'"
logs=$(dc logs --no-color --since "$since" db 2>&1)
assert_contains "$logs" "plan: start existing" "bootstrap log after the restart"
assert_not_contains "$logs" "restoring" "log after the restart"
assert_not_contains "$logs" "PostgreSQL init process complete" "log after the restart"
assert_contains "$logs" "database system was shut down at" "PostgreSQL log (clean shutdown, no crash recovery)"
assert_not_contains "$logs" "database system was interrupted" "PostgreSQL log"
assert_eq "$before" "$(psql_in db "select count(*) || ':' || sum(id) from kept")" "rows after the restart"
assert_eq "1" "$(dc exec -T db grep -c 'include_if_exists.*pgctl' /var/lib/postgresql/18/docker/postgresql.conf)" "include lines in postgresql.conf (not appended twice)"

step "archiving continues"
segment=$(psql_in db "insert into kept values (501); select pg_walfile_name(pg_current_wal_lsn())" | tail -1)
psql_in db "select pg_switch_wal()" >/dev/null
archived() { [[ "$(psql_in db "select coalesce(last_archived_wal, '')  from pg_stat_archiver")" > "$segment" ]] || [ "$(psql_in db "select last_archived_wal from pg_stat_archiver")" = "$segment" ]; }
wait_for 60 "segment $segment archived after the restart" archived

step "backups continue"
assert_contains "$(dc exec -T db pgctl backup incr 2>&1)" "incr backup done" "pgctl backup incr after the restart"
assert_eq "$((backups_before + 1))" "$(repo_backups db | wc -l | tr -d ' ')" "backups in the repository"

step "the scheduler (under its restart loop) is PID 1's descendant, not the postmaster's"
loop=$(dc exec -T db sh -c 'ps -o ppid= -p "$(pgrep -x supercronic)"' | tr -d ' ')
assert_eq "1" "$(dc exec -T db ps -o ppid= -p "$loop" | tr -d ' ')" "parent of the scheduler's restart loop"
assert_eq "1" "$(dc exec -T db sh -c 'ps -o ppid= -p "$(head -1 /var/lib/postgresql/18/docker/postmaster.pid)"' | tr -d ' ')" "parent of the postmaster"
