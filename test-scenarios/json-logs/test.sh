#!/usr/bin/env bash
# json-logs: PGCTL_LOG_FORMAT=json makes every line pgctl writes one JSON object with time, level,
# component and message (and an event's fields); PostgreSQL's own lines stay as they are; an invalid
# value stops the start with exit 3, naming the variable.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

# jsonl_check: reads a log on stdin. Lines that start with "{" are pgctl's: each must be one JSON object
# whose first fields are time (UTC ISO-8601), level, component, message. No line may be in pgctl's text
# format (its "pgctl[command]" tag, or a relayed "pgbackrest: " line). Prints the objects, one per line
# (JSON again), for the assertions that follow; exits 1 naming every bad line.
jsonl_check() {
	python3 -c '
import json, re, sys
time = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z")
bad, objects = [], []
for n, line in enumerate(sys.stdin.read().splitlines(), 1):
    if re.search(r"\bpgctl\[[a-z-]+\]", line) or line.startswith("pgbackrest: "):
        bad.append(f"line {n} is in the text format: {line}")
    if not line.startswith("{"):
        continue
    try:
        o = json.loads(line)
    except ValueError as e:
        bad.append(f"line {n} is not JSON ({e}): {line}")
        continue
    if not isinstance(o, dict) or list(o)[:4] != ["time", "level", "component", "message"]:
        bad.append(f"line {n} does not start with time, level, component, message: {line}")
    elif not time.fullmatch(o["time"]) or o["level"] not in ("info", "warn", "error") or not o["component"]:
        bad.append(f"line {n} has a bad time, level or component: {line}")
    else:
        objects.append(o)
for b in bad:
    print(b, file=sys.stderr)
if not objects:
    print("no pgctl line at all", file=sys.stderr)
for o in objects:
    print(json.dumps(o))
sys.exit(1 if bad or not objects else 0)'
}

# jq-like selection with python: field FIELD of the objects (one per line on stdin) where KEY == VALUE
pick() {
	python3 -c '
import json, sys
key, value, field = sys.argv[1:4]
for line in sys.stdin:
    o = json.loads(line)
    if str(o.get(key)) == value:
        print(json.dumps(o.get(field)) if field != "." else line.strip())' "$@"
}

# docker_logs: the db container's whole log as `docker logs` shows it (stdout and stderr, no prefix, no escapes)
docker_logs() {
	docker logs "$(dc ps -q db)" 2>&1
}

step "an invalid PGCTL_LOG_FORMAT stops the start: exit 3, naming the variable"
capture dc run --rm --no-deps -T -e PGCTL_LOG_FORMAT=yaml db
printf '%s\n' "$OUT" | tail -n 8
assert_eq 3 "$RC" "exit code with PGCTL_LOG_FORMAT=yaml"
assert_contains "$OUT" "PGCTL_LOG_FORMAT: 'yaml' is not a log format" "the error"
assert_contains "$OUT" "fix: PGCTL_LOG_FORMAT=text" "the error's fix"
assert_not_contains "$OUT" "initdb" "output of the refused start (nothing was initialised)"

step "start with PGCTL_LOG_FORMAT=json: the first backup's done event"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup is done" log_has db '"event":"first-backup.done"'
must docker_logs
logs=$OUT
objects=$(jsonl_check <<<"$logs") || fail "docker logs: a pgctl line that is not a JSON log line (above)"
echo "$(wc -l <<<"$objects") pgctl lines in docker logs, every one a JSON object with the required fields"
components=$(python3 -c 'import json,sys; print(" ".join(sorted({json.loads(l)["component"] for l in sys.stdin})))' <<<"$objects")
echo "components: $components"
for c in bootstrap after-start pgbackrest; do
	assert_contains " $components " " $c " "components of pgctl's lines"
done
assert_eq '"init-new"' "$(pick event bootstrap.plan action <<<"$objects")" "bootstrap.plan event: the action"
done_line=$(pick event first-backup.done . <<<"$objects")
printf '%s\n' "$done_line"
label=$(repo_backups db | awk '$2 == "full" {print $1}')
assert_eq "\"$label\"" "$(pick event first-backup.done label <<<"$objects")" "first-backup.done: label (the repository's full backup)"
python3 -c '
import json, sys
o = json.loads(sys.argv[1])
assert o["component"] == "after-start" and o["level"] == "info", o
assert isinstance(o["bytes"], int) and o["bytes"] > 1000000, ("bytes", o)
assert isinstance(o["repo_bytes"], int) and 0 < o["repo_bytes"], ("repo_bytes", o)
assert isinstance(o["duration_seconds"], (int, float)) and o["duration_seconds"] > 0, ("duration_seconds", o)
assert o["message"].startswith("first full backup done in "), o' "$done_line" || fail "first-backup.done fields: $done_line"
ok "first-backup.done has bytes, repo_bytes and duration_seconds"
# PostgreSQL's own lines are left as they are (its log_line_prefix, not JSON)
assert_true "PostgreSQL's own lines are in its own format" grep -qE '^[0-9-]+ [0-9:.]+ UTC \[[0-9]+\] LOG:  database system is ready to accept connections' <<<"$logs"

step "a scheduled backup (cron, every minute) logs JSON too"
scheduled() { docker_logs | jsonl_check 2>/dev/null | pick component backup . | grep -q '"event": "backup.done"'; }
wait_for 150 "a scheduled incr logged its backup.done event" scheduled
must docker_logs
objects=$(jsonl_check <<<"$OUT") || fail "docker logs after a scheduled backup: a pgctl line that is not a JSON log line (above)"
python3 -c '
import json, sys
done = [o for o in map(json.loads, sys.stdin) if o.get("event") == "backup.done"]
assert done, "no backup.done"
o = done[-1]
assert o["type"] == "incr" and o["component"] == "backup" and o["label"].endswith("I"), o
assert isinstance(o["bytes"], int) and isinstance(o["duration_seconds"], (int, float)), o' <<<"$objects" || fail "backup.done of the scheduled incr"
ok "the scheduled incr's backup.done has type, label, bytes and duration_seconds"

step "pgctl backup by hand: every line it writes is JSON; reports stay reports"
must dc exec -T db pgctl backup full --label json-check
out=$OUT
objects=$(jsonl_check <<<"$out") || fail "pgctl backup full: a line that is not a JSON log line (above)"
assert_eq "$(grep -c . <<<"$out")" "$(grep -c . <<<"$objects")" "lines of pgctl backup full that are JSON log lines"
assert_eq '"json-check"' "$(pick event backup.done pgctl_label <<<"$objects")" "backup.done: pgctl_label"
must dc exec -T db pgctl status --json
assert_true "status --json is one JSON document (a report, not log lines)" python3 -c 'import json,sys; json.load(sys.stdin)["schedules"]' <<<"$OUT"

step "no secret in the logs"
for secret in "$PGBACKREST_REPO1_S3_KEY_SECRET" "$POSTGRES_PASSWORD"; do
	assert_no_secret "$(dc logs --no-color 2>&1)$out" "$secret" "logs and backup output"
done
