#!/usr/bin/env bash
# fault-overlap (issue 10, item 5; issue 14): overlapping backups. A scheduled
# full backup (what cron runs) copies files when a manual `pgctl backup full` is
# started: with --no-wait it refuses (exit 8, nothing taken); without, it says
# it waits for the running one, and once that completes it takes its own
# backup, exits 0 and its label is in `pgbackrest info`. Then the other way
# round: a manual full runs, a scheduled incr is skipped and a scheduled diff
# waits for it and runs after. At the end the
# repository holds exactly the backups that reported "done", no orphaned
# folder, `pgbackrest verify` passes and every row is there (count, checksum).
# The running backup's pgBackRest processes are frozen (SIGSTOP) while the other
# one is tried, so that the overlap lasts as long as the test needs, whatever
# the machine's speed; they hold the stanza's lock as a long backup would.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
work=$(mktemp -d)
trap 'rc=$?; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

checksum="select count(*) || ':' || sum(hashtext(v)::bigint) from big"
# frozen_when_copying: a loop inside the container that stops pgBackRest's copying processes the moment
# they appear (no docker exec between its polls, so a fast backup cannot finish unseen; seen: a 200 MB
# full ended between two polls). The pattern's [t] keeps it from matching this loop's own shell.
frozen_when_copying() { dc exec -T db timeout 120 sh -c 'until pkill -STOP -f "pgbackres[t] .*backup:local"; do sleep 0.1; done'; }
running_backup() { dc exec -T db pkill "$1" -f 'pgbackrest .*( backup( |$)|backup:local)'; }
freeze() { running_backup -STOP; }
thaw() { running_backup -CONT; }
# count_of TYPE: backups of that type in the repository; prints nothing when backup.info cannot be read
count_of() { local b; b=$(repo_backups db) && count_lines " $1\$" "$b"; }
# "label type pgctl-label" of every backup in pgbackrest info
labels_in_repo() {
	dc exec -T -u postgres db pgbackrest --stanza=main --output=json info | python3 -c '
import json, sys
for st in json.load(sys.stdin):
    for b in st.get("backup", []):
        print(b["label"], b["type"], b.get("annotation", {}).get("pgctl-label", "-"))'
}

step "a cluster with ~200 MB of data and its first full backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "pgctl backup full --scheduled" "crontab (what cron runs)"
psql_in db "create table big as select g as id, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text) as v from generate_series(1, 1400000) g" >/dev/null
before=$(psql_in db "$checksum")
echo "rows:checksum $before"
wait_archived db

first=$(repo_backups db | cut -d' ' -f1)
echo "the first backup: $first"

step "a scheduled full backup runs; a manual one started meanwhile waits for it, then is taken; --no-wait refuses"
frozen_when_copying &
freezer=$!
dc exec -T db pgctl backup full --scheduled >"$work/scheduled-full.out" 2>&1 &
scheduled=$!
wait "$freezer" || fail "the scheduled backup did not start copying within 120 s"
ok "the scheduled backup is frozen while it copies"
freeze
capture dc exec -T db pgctl backup full --no-wait --label not-taken
nowait=$OUT rc=$RC
printf '%s\n' "$nowait"
assert_eq 8 "$rc" "exit code of a manual backup with --no-wait while a backup runs"
assert_contains "$nowait" "was not taken" "manual --no-wait output"
assert_not_contains "$nowait" "backup done" "manual --no-wait output"
dc exec -T db pgctl backup full --label before-upgrade >"$work/manual-waits.out" 2>&1 &
waiting=$!
said_it_waits() { grep -qF "waiting: another backup is running (full backup, pid" "$work/manual-waits.out"; }
wait_for 30 "the manual backup says it waits for the running full backup" said_it_waits
cat "$work/manual-waits.out"
# it is still waiting, not done nor gone: the frozen backup holds the lock
kill -0 "$waiting" || fail "the manual backup ended while the scheduled one was still running"
assert_not_contains "$(cat "$work/manual-waits.out")" "skipped" "manual backup output while it waits"
thaw
wait "$scheduled" || { cat "$work/scheduled-full.out" >&2; fail "the scheduled full backup failed"; }
cat "$work/scheduled-full.out"
assert_contains "$(cat "$work/scheduled-full.out")" "full backup done" "scheduled backup output"
set +e
wait "$waiting"
rc=$?
set -e
cat "$work/manual-waits.out"
assert_eq 0 "$rc" "exit code of the manual backup that waited"
assert_contains "$(cat "$work/manual-waits.out")" "full backup done" "manual backup output"
labelled=$(labels_in_repo)
printf '%s\n' "$labelled"
assert_eq 1 "$(count_lines ' full before-upgrade$' "$labelled")" "full backups labelled before-upgrade in pgbackrest info"
assert_not_contains "$labelled" "not-taken" "pgbackrest info (the --no-wait backup was not taken)"
# retention keeps 2 full backups: the scheduled one and the manual one; the first one expired
assert_eq 2 "$(count_of full)" "full backups in the repository"
assert_not_contains "$(repo_backups db)" "$first full" "repository (the first backup expired)"
assert_eq 1 "$(grep -c 'full backup done' "$work/scheduled-full.out")" "full backups the scheduled job reported"

step "a manual full backup runs; a scheduled incr skips, a scheduled diff waits and runs after it"
frozen_when_copying &
freezer=$!
dc exec -T db pgctl backup full >"$work/manual-full.out" 2>&1 &
manual=$!
wait "$freezer" || fail "the manual backup did not start copying within 120 s"
ok "the manual backup is frozen while it copies"
freeze
capture dc exec -T db pgctl backup incr --scheduled
incr=$OUT rc=$RC
printf '%s\n' "$incr"
assert_eq 0 "$rc" "exit code of the scheduled incr"
assert_contains "$incr" "skipped: backup already running" "scheduled incr output"
dc exec -T db pgctl backup diff --scheduled >"$work/scheduled-diff.out" 2>&1 &
diff=$!
said_waiting() { grep -qF "waiting: another backup is running" "$work/scheduled-diff.out"; }
wait_for 30 "the scheduled diff says it waits" said_waiting
thaw
wait "$manual" || { cat "$work/manual-full.out" >&2; fail "the manual full backup failed"; }
assert_contains "$(cat "$work/manual-full.out")" "full backup done" "manual backup output"
wait "$diff" || { cat "$work/scheduled-diff.out" >&2; fail "the scheduled diff backup failed"; }
cat "$work/scheduled-diff.out"
assert_contains "$(cat "$work/scheduled-diff.out")" "diff backup done" "scheduled diff output"

step "the repository holds exactly the backups that reported done, and verifies"
backups=$(repo_backups db)
printf '%s\n' "$backups"
# retention keeps 2 full backups (PGBACKREST_REPO1_RETENTION_FULL default): the first one expired
assert_eq 2 "$(count_of full)" "full backups in the repository"
assert_eq 1 "$(count_of diff)" "diff backups in the repository"
assert_eq 0 "$(count_of incr)" "incr backups in the repository"
left=$(repo_orphans db) || fail "could not list the repository's backup folders"
assert_eq "" "$left" "backup folders that backup.info does not list"
verify=$(dc exec -T -u postgres db pgbackrest --stanza=main --log-level-console=info verify 2>&1; echo "rc=$?")
printf '%s\n' "$verify" | grep -E 'results|status|rc=' | tail -5
assert_contains "$verify" "rc=0" "pgbackrest verify"
assert_not_contains "$verify" "invalid" "pgbackrest verify"
assert_eq "$before" "$(psql_in db "$checksum")" "rows:checksum at the end"
