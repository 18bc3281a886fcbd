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

step "schedules are UTC although the container's TZ is Asia/Kolkata: supercronic and status agree"
assert_eq "+0530" "$(dc exec -T db date +%z)" "the container's zone offset (TZ=Asia/Kolkata)"
# as postgres: root in the container may not read another user's /proc/PID/environ
sched=$(dc exec -T db pgrep -x supercronic | head -1)
assert_contains "$(dc exec -T -u postgres db sh -c "tr '\\0' '\\n' </proc/$sched/environ")" "TZ=Asia/Kolkata" "environment of the running scheduler"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "CRON_TZ=UTC" "crontab"
# What supercronic makes of pgctl's crontab in this container (same schedules and zone lines, each
# command replaced by true), as the postgres user with the container's environment, like the scheduler.
capture dc exec -T -u postgres db sh -c 'sed "s/ pgctl backup .*\$/ true/" /etc/pgctl/crontab >/tmp/crontab-probe && timeout 4 supercronic -debug /tmp/crontab-probe'
probe=$OUT
printf '%s\n' "$probe" | grep "will run next" || true
supercronic_next=$(printf '%s\n' "$probe" | python3 -c '
import re, sys, datetime
for line in sys.stdin:
    m = re.search(r"job will run next at (\S+ \S+ [+-]\d{4}) .*job.schedule=\"30 2 1 1 \*\"", line)
    if m:
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%d %H:%M:%S %z")
        print(t.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        break')
status_next=$(dc exec -T db pgctl status --json 2>/dev/null | python3 -c '
import json, sys
print([s for s in json.load(sys.stdin)["schedules"] if s["type"] == "diff"][0]["nextRun"])')
echo "diff '30 2 1 1 *': supercronic runs it next at $supercronic_next, status says $status_next"
assert_contains "$status_next" "-01-01T02:30:00Z" "status: next diff (02:30 UTC on 1 January)"
assert_eq "$status_next" "$supercronic_next" "supercronic's next diff run (in UTC)"
