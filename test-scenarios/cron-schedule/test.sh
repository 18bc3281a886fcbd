#!/usr/bin/env bash
# cron-schedule: incremental backups scheduled every minute by env run from
# cron as postgres and log to docker logs; a scheduled incr that meets a
# running backup logs one "skipped" line and exits 0; a scheduled diff waits
# for it instead of being lost.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "start with PGCTL_BACKUP_SCHEDULE_INCR='* * * * *'"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "* * * * * pgctl backup incr --scheduled" "crontab"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "# full backups: disabled" "crontab"

step "cron takes an incremental backup within two minutes"
has_incr() { local b; b=$(repo_backups db); grep -q ' incr$' <<<"$b"; }
wait_for 130 "an incr backup is in the repository" has_incr
wait_for 30 "cron's job logged to docker logs" log_has db "pgctl[backup] incr backup done"
assert_eq "postgres" "$(dc exec -T db ps -o user= -C supercronic | tr -d ' ')" "user of the scheduler"

step "a scheduled incr meets a running backup: one clear line, exit 0"
# pgBackRest 2.60 holds the lock /tmp/pgbackrest/<stanza>-backup-<repo>.lock with flock;
# holding it here stands in for a long backup, deterministically.
dc exec -T -d -u postgres db flock /tmp/pgbackrest/main-backup-1.lock sleep 25
wait_for 10 "the test holds the backup lock" dc exec -T db pgrep -f "flock /tmp/pgbackrest/main-backup-1.lock"
capture dc exec -T db pgctl backup incr --scheduled
out=$OUT rc=$RC
printf '%s\n' "$out"
assert_eq 0 "$rc" "exit code of the skipped job"
assert_contains "$out" "skipped: backup already running" "skipped job output"
assert_eq 1 "$(printf '%s\n' "$out" | grep -c .)" "lines printed by the skipped job"

step "a scheduled diff waits for the running backup instead of being lost"
out=$(dc exec -T db pgctl backup diff --scheduled 2>&1)
assert_contains "$out" "waiting: another backup is running" "scheduled diff output"
assert_contains "$out" "diff backup done" "scheduled diff output"
assert_contains "$(repo_backups db)" " diff" "repository after the scheduled diff"

step "pgBackRest's lock files belong to postgres, never to root"
assert_not_contains "$(dc exec -T db ls -ln /tmp/pgbackrest)" " 0 0 " "owners of pgBackRest's lock files"
