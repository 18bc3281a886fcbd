#!/usr/bin/env bash
# retention-calendar (issue 23): PGCTL_RETENTION=weekly=1 on four backups of this week
# (the first full, an incr, a second and a third full): pgctl prune --dry-run keeps the
# week's first full and the newest full and expires the other two; pgctl prune expires
# exactly those (pgbackrest info afterwards), each kept backup restores (a drill of each),
# and pgbackrest verify finds the repository clean. (A run across Monday 00:00 UTC would
# split the week: the first full would then be last week's.)
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

# labels TYPE...: the repository's backup labels of those types, oldest first (pgctl backups --json)
labels() {
	dc exec -T db pgctl backups --json 2>/dev/null | python3 -c '
import json, sys
want = sys.argv[1:]
for b in json.load(sys.stdin)["backups"]:
    if not want or b["type"] in want:
        print(b["label"])' "$@"
}

step "a primary with a calendar policy and four backups"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table kept(id int); insert into kept select generate_series(1, 100)" >/dev/null
must dc exec -T db pgctl backup incr
must dc exec -T db pgctl backup full
must dc exec -T db pgctl backup full
must labels
all=$OUT
printf '%s\n' "$all"
assert_eq 4 "$(count_lines . "$all")" "backups in the repository"
first=$(sed -n 1p <<<"$all")
incr=$(sed -n 2p <<<"$all")
second=$(sed -n 3p <<<"$all")
newest=$(sed -n 4p <<<"$all")

step "pgctl backups says what keeps each backup"
must dc exec -T db pgctl backups
printf '%s\n' "$OUT"
assert_contains "$OUT" "retention        weekly=1 (PGCTL_RETENTION, applied by pgctl prune)" "pgctl backups"
assert_contains "$OUT" "kept: weekly " "pgctl backups"
assert_contains "$OUT" "expires at the next prune: no rule keeps it" "pgctl backups"

step "pgctl prune --dry-run: keep the week's first full and the newest, expire the rest"
must dc exec -T db pgctl prune --dry-run
printf '%s\n' "$OUT"
assert_contains "$OUT" "dry run: would expire 2 backups" "pgctl prune --dry-run"
prune_json() { dc exec -T db pgctl prune --dry-run --json 2>/dev/null; }
must prune_json
verdicts=$(python3 -c '
import json, sys
for v in json.load(sys.stdin)["verdicts"]:
    print(v["label"], "keep" if v["keep"] else "expire")' <<<"$OUT")
assert_eq "$first keep
$incr expire
$second expire
$newest keep" "$verdicts" "the verdicts, oldest first"
must labels
assert_eq "$all" "$OUT" "backups after the dry run (none expired)"

step "pgctl prune expires exactly those"
must dc exec -T db pgctl prune
printf '%s\n' "$OUT"
assert_contains "$OUT" "expired $second, $incr" "pgctl prune"
info_json() { dc exec -T -u postgres db pgbackrest --stanza=main info --output=json 2>/dev/null; }
must info_json
after=$(python3 -c '
import json, sys
for b in json.load(sys.stdin)[0]["backup"]:
    print(b["label"])' <<<"$OUT")
assert_eq "$first
$newest" "$after" "pgbackrest info after the prune"

step "each kept backup restores (a drill of each)"
for set in "$first" "$newest"; do
	must dc exec -T db pgctl restore --to "/tmp/drill-$set" --set "$set"
	assert_contains "$OUT" "drill passed" "the drill of $set"
done

step "pgbackrest verify: the repository is clean"
must dc exec -T -u postgres db pgbackrest --stanza=main verify --log-level-console=info
printf '%s\n' "$OUT" | tail -n 5
assert_contains "$OUT" "verify command end: completed successfully" "pgbackrest verify"
assert_not_contains "$OUT" "ERROR" "pgbackrest verify"
