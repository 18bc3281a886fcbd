#!/usr/bin/env bash
# prometheus (issue 17, section 4): a real Prometheus server (Debian's, a fixture image) scrapes the
# pgctl container's metrics port every 5 s with the shipped rules (monitoring/pgctl-alerts.yml)
# loaded. Through Prometheus's HTTP API: the target is up, every rule evaluates without error, every
# query of the Grafana dashboard (monitoring/grafana-dashboard.json) evaluates, and the backup-age
# series `time() - pgctl_backup_last_success_timestamp_seconds{type="full"}` has a value after the
# first backup. Then S3 is stopped (archive_timeout 10 s) while rows are written: the alert
# PgctlWalArchivingStalled reaches the state firing; with S3 back it stops firing.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
work=$(mktemp -d)
# stop the writer and remove its files, then the usual cleanup (with this script's exit code)
trap 'rc=$?; touch "$work/stop"; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

# prom_api PATH [CURL-ARGS...]: Prometheus's HTTP API, from inside its own container (no published port).
# stdin from /dev/null: `exec -T` would otherwise read the caller's (a while-read loop's input).
prom_api() {
	local path=$1
	shift
	dc exec -T prometheus curl -fsS --max-time 10 "$@" "http://127.0.0.1:9090$path" </dev/null
}

# prom_query EXPR: the instant vector of EXPR, one "labels value" line per series (nothing when
# empty); fails when the query fails (a parse or evaluation error names itself on stderr)
prom_query() {
	local json
	json=$(prom_api /api/v1/query --data-urlencode "query=$1") || return
	python3 -c '
import json, sys
r = json.load(sys.stdin)
if r.get("status") != "success":
    sys.exit("query failed: %s %s" % (r.get("errorType"), r.get("error")))
d = r["data"]
if d["resultType"] == "scalar":
    print("{}", d["result"][1]); sys.exit()
for s in d["result"]:
    m = {k: v for k, v in s["metric"].items() if k != "__name__"}
    print(json.dumps(m, sort_keys=True), s["value"][1])' <<<"$json"
}

# has_value EXPR: the query returns at least one series
has_value() {
	local out
	out=$(prom_query "$1") && [ -n "$out" ]
}

# alert_state NAME: the state of the alert NAME in /api/v1/alerts (pending, firing), nothing when inactive
alert_state() {
	local json
	json=$(prom_api /api/v1/alerts) || return
	python3 -c '
import json, sys
states = {a["state"] for a in json.load(sys.stdin)["data"]["alerts"] if a["labels"].get("alertname") == sys.argv[1]}
print("firing" if "firing" in states else "pending" if "pending" in states else "")' "$1" <<<"$json"
}
alert_is() { [ "$(alert_state "$1")" = "$2" ]; }
alert_is_one_of() { local s; s=$(alert_state "$1") && [[ " ${*:2} " == *" $s "* ]] && [ -n "$s" ]; }
alert_not_firing() { local s; s=$(alert_state "$1") && [ "$s" != firing ]; }

# rule_health: one "health name" line per loaded rule (ok, err, unknown before its first evaluation)
rule_health() {
	local json
	json=$(prom_api /api/v1/rules) || return
	python3 -c '
import json, sys
for g in json.load(sys.stdin)["data"]["groups"]:
    for r in g["rules"]:
        print(r.get("health"), r["name"], r.get("lastError", ""))' <<<"$json"
}
rules_all_ok() {
	local h
	h=$(rule_health) && [ -n "$h" ] && ! grep -qv '^ok ' <<<"$h"
}

step "pgctl, S3 and a Prometheus server that scrapes db:9188 every 5 s with the shipped rules"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
prom_ready() { prom_api /-/ready >/dev/null; }
wait_for 120 "Prometheus is ready" prom_ready
wait_for 60 "Prometheus scrapes the pgctl container (up{job=\"pgctl\"} == 1)" has_value 'up{job="pgctl"} == 1'

step "the shipped rules are loaded and every one evaluates without error against pgctl's real series"
expected=$(grep -c '^      - alert: ' "$REPO_ROOT/monitoring/pgctl-alerts.yml")
wait_for 60 "every rule evaluated (health ok)" rules_all_ok
must rule_health
assert_eq "$expected" "$(wc -l <<<"$OUT" | tr -d ' ')" "rules loaded in Prometheus (alerts in monitoring/pgctl-alerts.yml)"

step "the backup-age series has a value after the first backup"
wait_for 180 "the first full backup is done" log_has db "first full backup done"
age_expr='time() - pgctl_backup_last_success_timestamp_seconds{type="full"}'
wait_for 120 "Prometheus has a value for $age_expr" has_value "$age_expr"
must prom_query "$age_expr"
echo "$OUT"
age=$(awk '{print $NF}' <<<"$OUT")
assert_true "the newest full backup is between 0 and 600 s old ($age s)" python3 -c "import sys; sys.exit(not 0 <= float('$age') < 600)"
assert_contains "$OUT" '"type": "full"' "the backup-age series"
assert_true "no PgctlWalArchivingStalled alert while S3 is up" alert_is PgctlWalArchivingStalled ""

step "every query of the Grafana dashboard evaluates in this Prometheus"
# Grafana's variables as Grafana replaces them: every instance, a rate window of a minute
exprs=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
def walk(ps):
    for p in ps:
        for t in p.get("targets", []):
            print(t["expr"].replace("$instance", ".*").replace("$__rate_interval", "1m"))
        walk(p.get("panels", []))
walk(d["panels"])' "$REPO_ROOT/monitoring/grafana-dashboard.json")
queries=0 empty=()
while IFS= read -r expr; do
	capture prom_query "$expr"
	[ "$RC" = 0 ] || fail "the dashboard query '$expr' failed: $OUT"
	queries=$((queries + 1))
	[ -n "$OUT" ] || empty+=("$expr")
done <<<"$exprs"
[ "$queries" -gt 20 ] || fail "only $queries dashboard queries found"
ok "$queries dashboard queries evaluate; ${#empty[@]} have no series on this primary (no standby, slot or failed backup):"
printf '    %s\n' "${empty[@]}"

step "S3 stopped while rows are written: PgctlWalArchivingStalled fires"
psql_in db "create table ticks(id bigserial primary key, at timestamptz not null default clock_timestamp())" >/dev/null
wait_archived db
dc stop s3 >/dev/null
outage_start=$(date +%s)
# the writer: a row a second until $work/stop or the end of this script; archive_timeout (10 s) then
# switches to a new WAL segment every 10 s, and each one waits in pg_wal
(
	while [ ! -e "$work/stop" ] && kill -0 $$ 2>/dev/null; do
		dc exec -T db psql -X -q -U postgres -c "insert into ticks default values" >/dev/null 2>&1 || true
		sleep 1
	done
) &
writer=$!
wait_for 90 "segments wait in pg_wal (pgctl_wal_ready_segments > 0 in Prometheus)" has_value 'pgctl_wal_ready_segments > 0'
# the rule: last archived more than 180 s ago while segments wait, for 1 m (monitoring/pgctl-alerts.yml)
wait_for 420 "PgctlWalArchivingStalled is firing (/api/v1/alerts)" alert_is PgctlWalArchivingStalled firing
echo "firing $(($(date +%s) - outage_start)) s after S3 stopped"
must prom_query 'pgctl_wal_last_archived_age_seconds'
echo "pgctl_wal_last_archived_age_seconds: $OUT"
must prom_api /api/v1/alerts
printf '%s\n' "$OUT" | python3 -c '
import json, sys
for a in json.load(sys.stdin)["data"]["alerts"]:
    print(a["state"], a["labels"]["alertname"], a["labels"].get("severity"), "-", a["annotations"].get("summary"))'
assert_true "PgctlRepositoryUnreachable is pending or firing" alert_is_one_of PgctlRepositoryUnreachable pending firing

step "S3 back: the archive catches up and the alert stops firing"
dc start s3 >/dev/null
wait_for 120 "S3 is healthy" service_healthy s3
touch "$work/stop"
wait "$writer" || true
wait_archived db
wait_for 180 "PgctlWalArchivingStalled no longer fires" alert_not_firing PgctlWalArchivingStalled
assert_true "PgctlWalArchivingStalled is resolved (neither pending nor firing)" alert_is PgctlWalArchivingStalled ""
echo "resolved $(($(date +%s) - outage_start)) s after S3 stopped"
