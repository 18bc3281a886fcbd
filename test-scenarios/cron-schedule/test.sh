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
# cron's first incr can start before the after-start job and take the first backup itself (a
# full: pgBackRest changes an incr without a prior backup to full); the job then says so
first_backup() { log_has db "first full backup done" || log_has db "no first full backup needed"; }
wait_for 120 "the first full backup is done" first_backup
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "* * * * * pgctl backup incr --scheduled" "crontab"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "# full backups: disabled" "crontab"

step "cron takes an incremental backup within two minutes"
has_incr() { local b; b=$(repo_backups db); grep -q ' incr$' <<<"$b"; }
wait_for 130 "an incr backup is in the repository" has_incr
wait_for 30 "cron's job logged to docker logs" log_has db "pgctl[backup] incr backup done"
assert_eq "postgres" "$(dc exec -T db ps -o user= -C supercronic | tr -d ' ')" "user of the scheduler"

step "a scheduled incr meets a running backup: one clear line, exit 0"
# pgBackRest 2.60 holds the lock /tmp/pgbackrest/<stanza>-backup-<repo>.lock with flock;
# holding it here stands in for a long backup. The holder never ends by itself (no timer that a
# slow machine could outrun): the test releases it by PID once the waiting diff has said so.
# flock starts the command only once it holds the lock, so a running "sleep infinity" is a held lock.
work=$(mktemp -d)
trap 'rc=$?; rm -rf "$work"; scenario_cleanup "$rc"' EXIT
dc exec -T -d -u postgres db flock /tmp/pgbackrest/main-backup-1.lock sleep infinity
holding() { holder=$(dc exec -T db pgrep -x -f "sleep infinity"); }
wait_for 60 "the test holds the backup lock" holding
capture dc exec -T db pgctl backup incr --scheduled
out=$OUT rc=$RC
printf '%s\n' "$out"
assert_eq 0 "$rc" "exit code of the skipped job"
assert_contains "$out" "skipped: backup already running" "skipped job output"
assert_eq 1 "$(printf '%s\n' "$out" | grep -c .)" "lines printed by the skipped job"

step "a scheduled diff waits for the running backup instead of being lost"
dc exec -T db pgctl backup diff --scheduled >"$work/diff.out" 2>&1 &
diff=$!
said_waiting() { grep -qF "waiting: another backup is running" "$work/diff.out"; }
wait_for 60 "the scheduled diff says it waits" said_waiting
assert_true "the scheduled diff still waits while the lock is held" kill -0 "$diff"
dc exec -T db kill "$holder" || fail "could not end the lock holder (PID $holder)"
wait "$diff" || { cat "$work/diff.out" >&2; fail "the scheduled diff backup failed"; }
out=$(cat "$work/diff.out")
printf '%s\n' "$out"
assert_contains "$out" "diff backup done" "scheduled diff output"
assert_contains "$(repo_backups db)" " diff" "repository after the scheduled diff"

step "pgBackRest's lock files belong to postgres, never to root"
# the lock directory and whatever lock files are left in it (pgBackRest removes a lock file when
# it releases it), each with its owner's uid; the directory's own line shows the listing worked
must dc exec -T db find /tmp/pgbackrest -printf '%U %p\n'
assert_contains "$OUT" " /tmp/pgbackrest" "pgBackRest's lock directory (a listing, not an error)"
assert_eq 0 "$(count_lines '^0 ' "$OUT")" "entries of pgBackRest's lock directory owned by root"
