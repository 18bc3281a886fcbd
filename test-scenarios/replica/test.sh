#!/usr/bin/env bash
# replica: a replica started before its primary waits, then copies it with
# pg_basebackup and streams; it is read-only, never backs up (scheduled jobs
# skip, `pgctl backup` refuses with exit 5), keeps streaming across a restart
# without copying again, and accepts writes after `pgctl replica promote`.
# A wrong replication password and an unreachable primary fail with the fix.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

step "the replica starts first: it waits for its primary"
dc up -d --no-deps replica
wait_for 60 "the replica says it waits for the primary" log_has replica "waiting for the primary primary:5432"
must docker ps -q --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" --filter "label=com.docker.compose.service=primary"
assert_eq "" "$OUT" "no primary yet"

step "the primary starts; the replica copies it and streams"
dc up -d primary
wait_for 120 "the primary accepts connections" pg_ready primary
wait_for 60 "the primary created the replication role" log_has primary "created the replication role replicator"
wait_for 180 "the replica accepts connections" pg_ready replica
assert_eq "t" "$(psql_in replica "select pg_is_in_recovery()")" "the replica is in recovery"
status_json=$(dc exec -T replica pgctl replica status --json)
assert_eq "streaming" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["upstream"]["state"])' <<<"$status_json")" "replica status --json upstream.state"
assert_eq "replica_1" "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["upstream"]["slot"])' <<<"$status_json")" "replica status --json upstream.slot"
assert_eq "on|t" "$(psql_in primary "select (select setting from pg_settings where name = 'ssl'), ssl from pg_stat_replication r join pg_stat_ssl s using (pid)")" "the stream is encrypted (pg_stat_ssl on the primary)"
assert_contains "$(dc exec -T primary pgctl replica status)" "replica_1  active" "replica status on the primary (slot)"

step "rows written on the primary appear on the replica, which is read-only"
psql_in primary "create table orders(id int primary key, note text); insert into orders select g, md5(g::text) from generate_series(1, 500) g" >/dev/null
wait_for 30 "500 rows on the replica" sql_is replica "select count(*) from orders" 500
assert_eq "$(psql_in primary "select md5(string_agg(note, ',' order by id)) from orders")" \
	"$(psql_in replica "select md5(string_agg(note, ',' order by id)) from orders")" "checksum of the rows, primary vs replica"
ro=$(psql_in replica "insert into orders values (1000, 'x')" 2>&1 || true)
assert_contains "$ro" "read-only transaction" "an insert on the replica"

step "the replica never backs up"
wait_for 120 "the primary's first full backup is done" log_has primary "first full backup done"
before=$(repo_backups primary)
assert_eq "1" "$(printf '%s\n' "$before" | grep -c . || true)" "backups in the repository"
capture dc exec -T replica pgctl backup full
out=$OUT rc=$RC
assert_eq "5" "$rc" "exit code of pgctl backup full on the replica"
assert_contains "$out" "this node is a standby: backups are taken on the primary" "pgctl backup full on the replica"
capture dc exec -T replica pgctl enable-backups
out=$OUT rc=$RC
assert_eq "5" "$rc" "exit code of pgctl enable-backups on the replica"
assert_contains "$out" "backups are taken on the primary" "pgctl enable-backups on the replica"
wait_for 90 "the replica's scheduled incr backup skipped" log_has replica "skipped: this node is a standby"
assert_eq "$before" "$(repo_backups primary)" "backups in the repository after the replica's attempts"
must dc exec -T replica pgctl status
assert_contains "$OUT" "standby: backups are taken on the primary" "pgctl status on the replica"
assert_not_contains "$OUT" "WARNING" "pgctl status on the replica"

step "a restarted replica streams again without copying the primary again"
dc restart replica >/dev/null
wait_for 120 "the replica accepts connections again" pg_ready replica
assert_eq "1" "$(dc logs --no-color replica | grep -c 'copied the primary in')" "copies of the primary"
assert_contains "$(dc logs --no-color replica)" "this standby and the primary are the same cluster" "replica log after restart"
psql_in primary "insert into orders values (501, 'after restart')" >/dev/null
wait_for 30 "the row written after the restart is on the replica" sql_is replica "select count(*) from orders" 501
wait_for 30 "the replica streams" sql_is replica "select status from pg_stat_wal_receiver" streaming

step "bad input: a wrong replication password, an unreachable primary"
capture dc run --rm --no-deps -T replica-badpass
bad=$OUT rc=$RC
assert_eq "3" "$rc" "exit code with a wrong replication password"
assert_contains "$bad" "refused the replication login of replicator" "wrong password output"
assert_contains "$bad" "PGCTL_REPLICATION_PASSWORD_FILE=" "wrong password output (the fix)"
assert_no_secret "$bad" "$WRONG_REPLICATION_PASSWORD" "wrong password output"
assert_no_secret "$bad" "$REPLICATION_PASSWORD" "wrong password output"
capture dc run --rm --no-deps -T replica-nohost
nohost=$OUT rc=$RC
assert_eq "1" "$rc" "exit code with an unreachable primary"
assert_contains "$nohost" "did not accept connections within 6 s" "unreachable primary output"
assert_contains "$nohost" "PGCTL_PRIMARY_WAIT_TIMEOUT" "unreachable primary output (the fix)"

step "no secret in the replica's logs, status or process list"
assert_no_secret "$(dc logs --no-color replica primary)" "$REPLICATION_PASSWORD" "logs of the primary and the replica"
assert_no_secret "$(dc exec -T replica pgctl status --json)" "$REPLICATION_PASSWORD" "status --json on the replica"
assert_no_secret "$(dc exec -T replica ps auxww)" "$REPLICATION_PASSWORD" "process list of the replica"
assert_no_secret "$(dc exec -T primary ps auxww)" "$REPLICATION_PASSWORD" "process list of the primary"

step "promote: without a terminal it needs --yes; then the node accepts writes, with backups off"
capture dc exec -T replica pgctl replica promote
out=$OUT rc=$RC
assert_eq "2" "$rc" "exit code of promote without --yes and without a terminal"
assert_contains "$out" "pgctl replica promote --yes" "promote without --yes"
assert_eq "t" "$(psql_in replica "select pg_is_in_recovery()")" "still a standby after the refused promote"
out=$(dc exec -T replica pgctl replica promote --yes 2>&1)
assert_contains "$out" "promoted: this node is a primary and accepts writes" "pgctl replica promote --yes"
assert_contains "$out" "pgctl enable-backups" "promote output (how to start backups)"
assert_eq "f" "$(psql_in replica "select pg_is_in_recovery()")" "the promoted node is not in recovery"
psql_in replica "insert into orders values (9999, 'written on the promoted node')" >/dev/null
assert_eq "502" "$(psql_in replica "select count(*) from orders")" "rows on the promoted node"
assert_contains "$(dc exec -T replica pgctl status)" "backups pending" "status of the promoted node"
assert_eq "$before" "$(repo_backups primary)" "backups in the repository after the promotion"
