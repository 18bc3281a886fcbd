#!/usr/bin/env bash
# notify (issue 17, sections 2 and 3): alerts reach a webhook receiver ("hooks", a
# fixture built here) and the heartbeat beats, with a token in each URL that never
# appears in a payload or a log.
#   - a URL without a scheme stops the start (exit 3) naming the variable, not its value
#   - pgctl notify test: a test alert and a heartbeat arrive
#   - a successful backup beats the heartbeat; with the receiver down a backup still
#     succeeds (a warning naming the variable) and pgctl notify test exits 1
#   - every evaluation below is the monitor's own (pgctl monitor, started with metrics
#     off because notifications are on; nothing here runs pgctl notify --once):
#     S3 stopped: pgctl backup full fails; the monitor sends backup_failed and
#     repository_unreachable firing; with WAL written, wal_archiving_stalled within
#     archive_timeout + 2 min of the stop; S3 back and a backup later, all three are sent
#     resolved, each firing alert exactly once (no repeat before PGCTL_NOTIFY_REPEAT)
#   - the monitor beats the heartbeat once per interval (60 s); once the container is
#     stopped, no heartbeat arrives any more
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

tokens=("$HOOK_TOKEN_SECRET" "$HEARTBEAT_TOKEN_SECRET" "$PGBACKREST_REPO1_S3_KEY_SECRET" "$POSTGRES_PASSWORD")
# no_secret_in WHAT TEXT: none of the tokens and test secrets (never printed)
no_secret_in() {
	local s
	for s in "${tokens[@]}"; do
		assert_no_secret "$2" "$s" "$1"
	done
}

# the receiver's records as "METHOD kind condition status" lines (kind: hook, ping or other, by the
# path; the token is checked here and never printed); fails when the records cannot be read
received() {
	dc exec -T hooks cat /tmp/requests.jsonl | HOOK="/hook/$HOOK_TOKEN_SECRET" PING="/ping/$HEARTBEAT_TOKEN_SECRET" python3 -c '
import json, os, sys
for line in sys.stdin:
    r = json.loads(line)
    kind = "hook" if r["path"] == os.environ["HOOK"] else "ping" if r["path"] == os.environ["PING"] else "other"
    c = s = "-"
    if r["body"]:
        b = json.loads(r["body"])
        c, s = b.get("condition", "?"), b.get("status", "?")
    print(r["method"], kind, c, s)'
}
# the bodies of every request, for the secret checks
bodies() {
	dc exec -T hooks cat /tmp/requests.jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    print(json.loads(line)["body"])'
}
count_of() { # count_of ERE: received requests matching
	local r
	r=$(received) || return 1
	count_lines "$1" "$r"
}
pings() { count_of '^GET ping - -$'; }
pings_more_than() { [ "$(pings)" -gt "$1" ]; }

step "a URL without a scheme stops the start, naming the variable, never its value"
dc up -d s3 hooks
capture dc run --rm --no-deps -e PGCTL_NOTIFY_HEARTBEAT_URL="hooks:8080/ping/$HEARTBEAT_TOKEN_SECRET" db
printf '%s\n' "$OUT" | grep -E 'PGCTL_NOTIFY|fix:' || true
assert_eq 3 "$RC" "exit code of a start with a heartbeat URL without scheme"
assert_contains "$OUT" "PGCTL_NOTIFY_HEARTBEAT_URL: is not a URL: it has no scheme (http:// or https://)" "the start's error"
no_secret_in "the start's error" "$OUT"

step "a primary with alerts and heartbeat configured"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup is done" log_has db "first full backup done"

step "pgctl notify test: a test alert and a heartbeat arrive"
must dc exec -T db pgctl notify test
printf '%s\n' "$OUT"
assert_contains "$OUT" "PGCTL_NOTIFY_URL: test alert delivered (HTTP 200)" "pgctl notify test"
assert_contains "$OUT" "PGCTL_NOTIFY_HEARTBEAT_URL: heartbeat delivered (HTTP 200)" "pgctl notify test"
no_secret_in "pgctl notify test" "$OUT"
assert_not_contains "$OUT" "hooks:8080" "pgctl notify test"
must received
assert_contains "$OUT" "POST hook test firing" "the receiver (the alert URL, with its token)"
assert_contains "$OUT" "GET ping - -" "the receiver (the heartbeat URL, with its token)"

step "a successful backup beats the heartbeat"
before=$(pings)
must dc exec -T db pgctl backup incr
assert_contains "$OUT" "heartbeat sent (HTTP 200)" "pgctl backup incr"
# the receiver records a request before it answers 200: the backup's beat is among them (the monitor's
# periodic one may have come too, so the count is at least one more, not exactly)
assert_true "a heartbeat received since the backup started" pings_more_than "$before"

step "the receiver down: a backup still succeeds, with a warning naming the variable"
dc stop hooks >/dev/null
capture dc exec -T db pgctl backup incr
printf '%s\n' "$OUT" | tail -n 3
assert_eq 0 "$RC" "exit code of pgctl backup incr with the heartbeat receiver down"
assert_contains "$OUT" "PGCTL_NOTIFY_HEARTBEAT_URL: the heartbeat after the backup failed" "pgctl backup incr"
no_secret_in "pgctl backup incr" "$OUT"
capture dc exec -T db pgctl notify test
assert_eq 1 "$RC" "exit code of pgctl notify test with the receiver down"
assert_contains "$OUT" "PGCTL_NOTIFY_URL: test alert not delivered" "pgctl notify test"
no_secret_in "pgctl notify test" "$OUT"
dc start hooks >/dev/null
wait_for 60 "the receiver is back" service_healthy hooks
# the receiver starts a new record file: count from here

step "metrics off, notifications on: the monitor runs to evaluate the alerts"
must dc logs --no-color db
assert_contains "$OUT" "started pgctl monitor (no metrics: PGCTL_METRICS_PORT=off; alert evaluations every minute)" "the start's log"
must dc exec -T db pgctl status
assert_eq 1 "$(count_lines '^ *monitor +running$' "$OUT")" "pgctl status: the monitor's row"

step "S3 stopped: a backup fails, the monitor sends backup_failed and repository_unreachable firing"
dc stop s3 >/dev/null
s3_stopped=$(date +%s)
capture dc exec -T db pgctl backup full
assert_eq 1 "$RC" "exit code of pgctl backup full with S3 stopped"
received_once() { [ "$(count_of "^POST hook $1$")" = 1 ]; }
wait_for 90 "backup_failed firing received (sent by the monitor)" received_once "backup_failed firing"
wait_for 90 "repository_unreachable firing received (sent by the monitor)" received_once "repository_unreachable firing"
# every evaluation from here on sees the repository down: no heartbeat may come until S3 is back
# (one due just before the stop may have arrived: the monitor beats once a minute while healthy)
pings_at_outage=$(pings)
must dc exec -T db pgctl notify
printf '%s\n' "$OUT"
assert_contains "$OUT" "WARNING backup_failed: the full backup failed at " "pgctl notify"
assert_contains "$OUT" "CRITICAL repository_unreachable" "pgctl notify"
assert_contains "$OUT" "webhook: backup_failed firing, last sent " "pgctl notify"
no_secret_in "pgctl notify" "$OUT"

step "S3 still stopped and WAL written: wal_archiving_stalled fires within archive_timeout (10 s) + 2 min"
psql_in db "create table ticks(id int); insert into ticks values (1)" >/dev/null
psql_in db "select pg_switch_wal()" >/dev/null
wait_for $((130 - ($(date +%s) - s3_stopped))) "wal_archiving_stalled firing received" received_once "wal_archiving_stalled firing"
took=$(($(date +%s) - s3_stopped))
echo "wal_archiving_stalled was received ${took} s after S3 stopped (limit 10 + 120 s)"
[ "$took" -le 130 ] || fail "wal_archiving_stalled took ${took} s"
assert_eq "$pings_at_outage" "$(pings)" "heartbeats received while the repository is unreachable and archiving stalled"

step "S3 back and a successful backup: the monitor sends every alert resolved"
dc start s3 >/dev/null
wait_for 120 "S3 is healthy" service_healthy s3
wait_archived db
must dc exec -T db pgctl backup full
wait_for 120 "wal_archiving_stalled resolved received" received_once "wal_archiving_stalled resolved"
wait_for 60 "backup_failed resolved received" received_once "backup_failed resolved"
wait_for 60 "repository_unreachable resolved received" received_once "repository_unreachable resolved"
must received
printf '%s\n' "$OUT" | grep ' hook ' || true
assert_eq 1 "$(count_lines '^POST hook backup_failed firing$' "$OUT")" "backup_failed firing alerts received (no repeat)"
assert_eq 1 "$(count_lines '^POST hook repository_unreachable firing$' "$OUT")" "repository_unreachable firing alerts received (no repeat)"
assert_eq 1 "$(count_lines '^POST hook wal_archiving_stalled firing$' "$OUT")" "wal_archiving_stalled firing alerts received (no repeat)"

step "every payload: the fields, and no token or test secret"
must bodies
payloads=$OUT
no_secret_in "the payloads" "$payloads"
assert_contains "$payloads" '"condition":"backup_failed","status":"firing","severity":"warning","stanza":"main"' "the payloads"
assert_contains "$payloads" '"text":"[FIRING warning] backup_failed on ' "the payloads"

step "the monitor beats the heartbeat once per interval; a stopped container beats no more"
start_pings=$(pings)
wait_for 150 "a periodic heartbeat arrives" pings_more_than "$start_pings"
t1=$(date +%s)
n1=$(pings)
wait_for 150 "the next periodic heartbeat arrives" pings_more_than "$n1"
gap=$(($(date +%s) - t1))
echo "the next heartbeat came ${gap} s after the one before (interval 60 s, an evaluation after every repository read)"
[ "$gap" -ge 40 ] || fail "two heartbeats ${gap} s apart: more often than PGCTL_NOTIFY_HEARTBEAT_INTERVAL=60"
# about one evaluation per minute: a beat is never left for the evaluation after next (that was 128 s)
[ "$gap" -le 100 ] || fail "two heartbeats ${gap} s apart: the monitor skipped an evaluation's beat (interval 60 s)"
dc stop db >/dev/null
stopped=$(pings)
# a wait for an absence (nothing can be polled for): longer than the interval plus an evaluation
sleep 90
assert_eq "$stopped" "$(pings)" "heartbeats received in the 90 s after the container stopped"

step "no token or test secret in the container's log"
logs=$(dc logs --no-color db 2>&1)
no_secret_in "the db container's log" "$logs"
