#!/usr/bin/env bash
# new-db-backups: a fresh cluster gets its first full backup with no manual
# action; a row written afterwards reaches S3 as archived WAL within ~70 s with
# no manual WAL switch; diff and incr backups work; retention expires old sets;
# check passes; status shows the default schedules.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "a new cluster, nothing done by hand"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
assert_eq "1" "$(repo_backups db | grep -c ' full$')" "full backups in the repository"
assert_contains "$(dc exec -T -u postgres db pgbackrest --output=json info)" '"pgctl-label":"first"' "annotation of the first backup"

step "the first start shows no archive failure (attempts from before the stanza existed are not failures)"
failed=$(dc exec -T db pgctl status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["archiving"]["failedCount"])')
assert_eq 0 "$failed" "archive failures in status --json after the first start"
# not asserted (on a fast machine the stanza may exist before the first attempt): said, for the reader of the log
log_has db "archive attempt(s) made before the stanza existed" && echo "note: the after-start job cleared attempts made before the stanza existed"

step "a row written now reaches S3 within archive_timeout (60 s) + 10 s, with no manual WAL switch"
psql_in db "create table t(id int); insert into t values (1)" >/dev/null
segment=$(psql_in db "select pg_walfile_name(pg_current_wal_insert_lsn())")
echo "the row is in WAL segment $segment"
archived_past() { # true once the repository's newest archived segment is at or past $segment
	local max
	max=$(dc exec -T -u postgres db pgbackrest --output=json info |
		python3 -c 'import json,sys; a=json.load(sys.stdin)[0]["archive"]; print(a[-1]["max"] if a else "")')
	[ -n "$max" ] && [[ "$max" > "$segment" || "$max" == "$segment" ]]
}
wait_for 75 "segment $segment is archived in the repository" archived_past

step "pgctl backup diff and incr"
assert_contains "$(dc exec -T db pgctl backup diff 2>&1)" "diff backup done" "pgctl backup diff"
assert_contains "$(dc exec -T db pgctl backup incr --label after-diff 2>&1)" "incr backup done" "pgctl backup incr"
assert_eq "1 1 1" "$(repo_backups db | awk '{c[$2]++} END {print c["full"]+0, c["diff"]+0, c["incr"]+0}')" "full, diff, incr in the repository"

text=$(dc exec -T db pgctl backups --last 2)
assert_contains "$text" "3 backups (the last 2 shown)" "pgctl backups --last 2"
assert_eq "diff incr" "$(awk '$1 ~ /^[0-9]+-[0-9]+F/ {print $2}' <<<"$text" | paste -sd' ' -)" "types listed by pgctl backups --last 2"

step "with PGBACKREST_REPO1_RETENTION_FULL=1 a new full backup expires the older set"
first=$(repo_backups db | awk '$2 == "full" {print $1}')
out=$(dc exec -T db pgctl backup full 2>&1)
assert_contains "$out" "full backup done" "pgctl backup full"
assert_contains "$out" "expire" "pgctl backup full output (expire ran)"
labels=$(repo_backups db)
assert_eq "1" "$(printf '%s\n' "$labels" | wc -l | tr -d ' ')" "backups left after expiry"
assert_not_contains "$labels" "$first" "backups left after expiry"

step "pgctl check passes, with a real archive round trip"
check=$(dc exec -T db pgctl check)
printf '%s\n' "$check"
assert_contains "$check" "all checks passed" "pgctl check"
assert_contains "$check" "archive round trip" "pgctl check"
assert_eq "true" "$(dc exec -T db pgctl check --json | python3 -c 'import json,sys; print(str(json.load(sys.stdin)["ok"]).lower())')" "check --json ok"

step "status shows the default schedules (backups and the weekly restore drill) and their next runs"
json=$(dc exec -T db pgctl status --json)
sched=$(printf '%s' "$json" | python3 -c '
import json, sys, datetime
s = json.load(sys.stdin)
now = datetime.datetime.now(datetime.timezone.utc)
for x in s["schedules"]:
    nxt = datetime.datetime.fromisoformat(x["nextRun"].replace("Z", "+00:00"))
    assert nxt > now, x
    print(x["type"], x["cron"], sep="=")')
assert_eq "full=0 1 * * 0 diff=0 1 * * 1-6 incr=*/30 * * * * drill=15 4 * * 3" "$(printf '%s\n' "$sched" | paste -sd' ' -)" "schedules in status --json"
assert_contains "$(dc exec -T db cat /etc/pgctl/crontab)" "*/30 * * * * pgctl backup incr --scheduled" "the crontab supercronic runs"

step "pgctl backups: the list, the retention and what the next full expires"
labels=$(repo_backups db | awk '{print $1}')
bjson=$(dc exec -T db pgctl backups --json)
assert_eq "$(printf '%s\n' "$labels" | paste -sd' ' -)" "$(python3 -c 'import json,sys; print(" ".join(b["label"] for b in json.load(sys.stdin)["backups"]))' <<<"$bjson")" "labels in backups --json"
assert_eq "1 $(printf '%s\n' "$labels" | grep -c F$ || true)" "$(python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["retentionFull"], len([b for b in r["backups"] if b["type"] == "full"]))' <<<"$bjson")" "retention and full backups"
assert_eq "$(printf '%s\n' "$labels" | paste -sd' ' -)" "$(python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)["expiresAfterNextFull"]))' <<<"$bjson")" \
	"with retention 1, the next full backup expires every current set"
assert_contains "$(dc exec -T db pgctl backups)" "next full        expires $(printf '%s\n' "$labels" | head -1)" "pgctl backups"

step "no secret in logs, status or check"
for secret in "$PGBACKREST_REPO1_S3_KEY_SECRET" "$POSTGRES_PASSWORD"; do
	assert_no_secret "$(dc logs --no-color 2>&1)$json$check" "$secret" "logs, status and check"
done
