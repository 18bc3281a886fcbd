#!/usr/bin/env bash
# process-model: every background process the image starts (the after-start
# job, the scheduler, a running backup) killed with -9 never makes PostgreSQL
# crash-restart, because none of them is the postmaster's child (PID 1 is tini).
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

crash_line="terminating any other active server processes"
no_crash() {
	must dc logs --no-color db
	assert_contains "$OUT" "database system is ready to accept connections" "PostgreSQL log after $1 (a log, not an error)"
	assert_not_contains "$OUT" "$crash_line" "PostgreSQL log after $1"
	assert_eq "$pid" "$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)" "postmaster PID after $1"
	assert_eq "1" "$(psql_in db 'select 1')" "a query after $1"
}

# job_and_backup ERE: from one ps snapshot of the db container, JOB = the PID of the pgctl
# process whose command line matches ERE and BACKUP = the pgBackRest backup it runs (its
# child). False until both exist. The match runs here, not in the container, so that it
# cannot match the command that looks (pkill -f inside `sh -c '...'` matches that shell).
job_and_backup() {
	local ps
	ps=$(dc exec -T db ps -eo pid=,ppid=,args=) || return
	JOB=$(RE="$1" awk '{ pid = $1; $1 = $2 = ""; if ($0 ~ ENVIRON["RE"]) print pid }' <<<"$ps")
	[ -n "$JOB" ] && [ "$(wc -w <<<"$JOB")" = 1 ] || return
	BACKUP=$(JOB=$JOB awk '$2 == ENVIRON["JOB"] && $3 == "pgbackrest" && / backup --type=/ { print $1 }' <<<"$ps")
	[ -n "$BACKUP" ]
}
# kill_job_and_backup ERE WHAT: waits (up to ~60 s, polling fast: a first backup is short) until
# the job runs a backup, then kills both with -9 by PID; the kill must succeed
kill_job_and_backup() {
	local i
	for i in $(seq 1 150); do
		if job_and_backup "$1"; then
			dc exec -T db kill -9 "$JOB" "$BACKUP" || fail "kill -9 of $2 (PID $JOB) and its backup (PID $BACKUP) failed"
			ok "killed $2 (PID $JOB) and the pgBackRest backup it ran (PID $BACKUP) with -9"
			return 0
		fi
		sleep 0.2
	done
	fail "$2 did not run a pgBackRest backup within ~60 s"
}
# the killed backup's worker processes notice their parent is gone and exit, releasing the lock
lock_free() {
	[ "$(dc exec -T -u postgres db pgbackrest --output=json info |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["status"]["lock"]["backup"]["held"])')" = False ]
}

step "the after-start job killed while it takes the first full backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
pid=$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)
assert_eq "1" "$(dc exec -T db sh -c "ps -o ppid= -p $pid" | tr -d ' ')" "parent of the postmaster"
wait_for 60 "the after-start job runs" dc exec -T db pgrep -f "pgctl.jar after-start"
assert_eq "1" "$(dc exec -T db sh -c 'ps -o ppid= -p "$(pgrep -f "pgctl.jar after-start" | head -1)"' | tr -d ' ')" "parent of the after-start job"
kill_job_and_backup 'pgctl\.jar after-start( |$)' "the after-start job"
no_crash "killing the after-start job"
wait_for 60 "the killed backup's lock is released" lock_free

step "the scheduler killed: it comes back"
sched=$(dc exec -T db pgrep -x supercronic)
loop=$(dc exec -T db ps -o ppid= -p "$sched" | tr -d ' ')
assert_eq "1" "$(dc exec -T db ps -o ppid= -p "$loop" | tr -d ' ')" "parent of the scheduler's restart loop"
dc exec -T db kill -9 "$sched"
back() { local p; p=$(dc exec -T db pgrep -x supercronic) && [ "$p" != "$sched" ]; }
wait_for 30 "a new scheduler runs" back
no_crash "killing the scheduler"

step "the scheduler and its restart loop killed: status says so, and the health check turns unhealthy"
health() { docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q db)"; }
health_is() { [ "$(health)" = "$1" ]; }
wait_for 60 "the container is healthy" health_is healthy
dc exec -T db sh -c "kill -9 $loop; pkill -9 -x supercronic"
no_crash "killing the scheduler and its loop"
status=$(dc exec -T db pgctl status)
assert_contains "$status" "WARNING the backup scheduler is not running" "pgctl status"
assert_contains "$status" "fix: docker restart <container>" "pgctl status"
capture dc exec -T db pgctl health
out=$OUT rc=$RC
assert_eq 1 "$rc" "exit code of pgctl health"
assert_contains "$out" "unhealthy: the backup scheduler is not running" "pgctl health"
wait_for 60 "the container is unhealthy" health_is unhealthy

step "a running backup killed"
dc exec -T -d db pgctl backup full --label doomed
kill_job_and_backup 'pgctl\.jar backup full --label doomed$' "pgctl backup full"
no_crash "killing a running backup"

step "the next backup succeeds and the repository verifies"
wait_for 60 "the killed backup's lock is released" lock_free
assert_contains "$(dc exec -T db pgctl backup full 2>&1)" "full backup done" "pgctl backup full after the kills"
assert_contains "$(dc exec -T -u postgres db pgbackrest --stanza=main verify 2>&1; echo "rc=$?")" "rc=0" "pgbackrest verify"

step "pgctl monitor serves /metrics inside the container, with the newest full backup and no secret"
# bash's /dev/tcp: the image has no curl or wget; one GET on loopback, the body after the headers
scrape() {
	dc exec -T db bash -c 'exec 3<>/dev/tcp/127.0.0.1/9188 && printf "GET /metrics HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && cat <&3'
}
# monitor_pids: "JVM LOOP", the pgctl monitor JVM and the restart loop it runs under (one ps snapshot)
monitor_pids() {
	local ps jvm
	ps=$(dc exec -T db ps -eo pid=,ppid=,args=) || return
	jvm=$(awk '{ pid = $1; ppid = $2; $1 = $2 = ""; if ($0 ~ /pgctl\.jar monitor$/) print pid, ppid }' <<<"$ps")
	[ -n "$jvm" ] && [ "$(wc -l <<<"$jvm")" = 1 ] && printf '%s\n' "$jvm"
}
serves_full() { grep -q '^pgctl_backup_last_success_timestamp_seconds{type="full"} ' <<<"$(scrape)"; }
wait_for 90 "/metrics shows the newest full backup (read again after the backup)" serves_full
must scrape
metrics=$OUT
assert_contains "$metrics" "HTTP/1.1 200" "the scrape's status line"
assert_contains "$metrics" "pgctl_up 1.0" "/metrics"
assert_contains "$metrics" "pgctl_postgres_up 1.0" "/metrics"
assert_contains "$metrics" 'pgctl_backups{type="full"}' "/metrics"
assert_contains "$metrics" 'pgctl_repository_reachable{repo="1"} 1.0' "/metrics"
assert_contains "$metrics" 'pgctl_warning{kind="monitor_down"} 0.0' "/metrics"
assert_contains "$metrics" "pgctl_monitor_up 1.0" "/metrics"
must dc exec -T db pgctl metrics
printed=$OUT
assert_contains "$printed" 'pgctl_backup_last_success_timestamp_seconds{type="full"} ' "pgctl metrics"
for secret in "$PGBACKREST_REPO1_S3_KEY_SECRET" "$POSTGRES_PASSWORD"; do
	assert_no_secret "$metrics$printed" "$secret" "/metrics and pgctl metrics"
done
assert_not_contains "$metrics$printed" "$PGBACKREST_REPO1_S3_KEY" "/metrics and pgctl metrics (the access key)"
assert_contains "$(dc exec -T db pgctl status)" "running, metrics on port 9188" "pgctl status (the monitor row)"

step "pgctl monitor killed with -9: PostgreSQL untouched, the monitor back within its loop's 10 s"
read -r mon mon_loop <<<"$(monitor_pids)" || fail "no single pgctl monitor process"
assert_eq "1" "$(dc exec -T db ps -o ppid= -p "$mon_loop" | tr -d ' ')" "parent of the monitor's restart loop"
dc exec -T db kill -9 "$mon"
monitor_back() { local now; now=$(monitor_pids) && [ "${now%% *}" != "$mon" ]; }
wait_for 30 "a new pgctl monitor runs" monitor_back
wait_for 60 "the new monitor serves /metrics" scrape
no_crash "killing pgctl monitor"
assert_contains "$(dc logs --no-color db 2>&1)" "pgctl monitor stopped" "docker logs (the loop says the monitor stopped)"

step "pgctl monitor and its loop killed: status warns, pgctl metrics says so, PostgreSQL untouched"
read -r mon mon_loop <<<"$(monitor_pids)" || fail "no single pgctl monitor process"
dc exec -T db kill -9 "$mon_loop" "$mon"
no_crash "killing pgctl monitor and its loop"
status=$(dc exec -T db pgctl status)
assert_contains "$status" "WARNING pgctl monitor is not running" "pgctl status"
must dc exec -T db pgctl metrics
assert_contains "$OUT" "pgctl_monitor_up 0.0" "pgctl metrics"
assert_contains "$OUT" 'pgctl_warning{kind="monitor_down"} 1.0' "pgctl metrics"
