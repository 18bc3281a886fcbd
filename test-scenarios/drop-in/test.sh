#!/usr/bin/env bash
# drop-in: the official image's interface works on this image (issue 7, "drop-in
# behaviours"): POSTGRES_USER, POSTGRES_PASSWORD_FILE, POSTGRES_DB and
# POSTGRES_INITDB_ARGS; initdb.d scripts (.sh, .sql, .sql.gz) run once, on first
# init only; `postgres -c key=value` and options alone pass through with
# bootstrap still running; bash, psql, pgctl --help and postgres --version skip
# bootstrap; the pre-18 PGDATA /var/lib/postgresql/data; --user postgres works
# and an arbitrary uid fails at once with a clear message; `docker stop` shuts
# down cleanly and the next start needs no crash recovery; the image's
# postgres --version is the base image's.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
password=$(cat "$SCENARIO_DIR/postgres-password")
label=(--label "com.docker.compose.project=$COMPOSE_PROJECT_NAME")
# q SERVICE SQL: as POSTGRES_USER in POSTGRES_DB over the local socket
q() { dc exec -T "$1" psql -X -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -At -c "$2"; }
# tcp FROM TO PASSWORD SQL: from service FROM to service TO over TCP with SSL and a password
# (not from TO itself: the cluster's pg_hba.conf, as initdb writes it, trusts 127.0.0.1 and the socket)
tcp() {
	dc exec -T -e PGPASSWORD="$3" "$1" psql -X -v ON_ERROR_STOP=1 -At \
		"host=$2 sslmode=require user=$POSTGRES_USER dbname=$POSTGRES_DB" -c "$4"
}
# run ARGS...: a throwaway container of the image with no settings at all
run() { docker run --rm "${label[@]}" "$PGCTL_IMAGE" "$@" 2>&1; }

step "one PostgreSQL: the image's postgres --version is the base image's"
mine=$(run postgres --version)
base=$(docker run --rm "${label[@]}" "$STANDIN_IMAGE" postgres --version 2>&1)
assert_contains "$base" "PostgreSQL) 18" "the base image's postgres --version"
assert_eq "$base" "$mine" "the image's postgres --version"

step "commands other than the server skip bootstrap (no settings given: bootstrap would refuse)"
out=$(run bash -c 'echo hi') || fail "bash -c 'echo hi' exited $?: $out"
assert_eq "hi" "$out" "output of bash -c 'echo hi'"
out=$(run psql --help) || fail "psql --help exited $?: $out"
assert_contains "$out" "psql is the PostgreSQL interactive terminal" "psql --help"
assert_not_contains "$out" "pgctl[bootstrap]" "psql --help"
out=$(run pgctl --help) || fail "pgctl --help exited $?: $out"
assert_contains "$out" "enable-backups" "pgctl --help"
assert_not_contains "$out" "pgctl[bootstrap]" "pgctl --help"
assert_not_contains "$mine" "pgctl[bootstrap]" "postgres --version"

step "a new cluster with the official variables, initdb.d scripts and postgres -c (plus the pre-18 PGDATA and --user postgres)"
dc --profile legacy --profile asuser up -d db legacy asuser
# pg_isready also answers during init (the official entrypoint's temporary server): wait for the real start
init_done() { log_has "$1" "PostgreSQL init process complete" && pg_ready "$1"; }
wait_for 120 "the new cluster is initialised and accepts connections" init_done db
logs=$(dc logs --no-color db 2>&1)
assert_contains "$logs" "pgctl[bootstrap]" "log (bootstrap ran)"
assert_contains "$logs" "plan: init new" "bootstrap log"

step "POSTGRES_USER, POSTGRES_PASSWORD_FILE, POSTGRES_DB, POSTGRES_INITDB_ARGS"
assert_eq "$POSTGRES_USER|$POSTGRES_DB" "$(tcp legacy db "$password" "select current_user || '|' || current_database()")" \
	"user and database over TCP with the password from POSTGRES_PASSWORD_FILE"
assert_eq "t" "$(q db "select rolsuper from pg_roles where rolname = current_user")" "$POSTGRES_USER is a superuser"
assert_eq "0" "$(q db "select count(*) from pg_roles where rolname = 'postgres'")" "roles named postgres"
capture tcp legacy db "wrong-$password" "select 1"
out=$OUT rc=$RC
[ "$rc" != 0 ] || fail "a wrong password was accepted over TCP"
assert_contains "$out" "password authentication failed" "login with a wrong password"
assert_eq "off" "$(q db 'show data_checksums')" "data_checksums (--no-data-checksums; initdb's default is on)"
assert_eq "b|C.UTF-8" "$(q db "select datlocprovider::text || '|' || datlocale from pg_database where datname = current_database()")" \
	"locale provider and locale (--locale-provider=builtin --builtin-locale=C.UTF-8)"

step "postgres -c work_mem=7MB passes through, and bootstrap still ran"
assert_eq "7MB" "$(q db 'show work_mem')" "work_mem"
assert_eq "command line" "$(q db "select source from pg_settings where name = 'work_mem'")" "source of work_mem"
assert_eq "on" "$(q db 'show ssl')" "ssl"
assert_eq "on" "$(q db 'show archive_mode')" "archive_mode"

step "initdb.d: the .sql, .sh and .sql.gz scripts each ran once"
for f in 01-schema.sql 02-shell.sh 03-compressed.sql.gz; do
	assert_contains "$logs" "running /docker-entrypoint-initdb.d/$f" "log of the first init"
done
assert_eq "sh:1,sql:1,sql.gz:1" "$(q db "select string_agg(script || ':' || n, ',' order by script) from (select script, count(*) n from initdb_runs group by script) s")" \
	"rows per script"

step "the pre-18 layout: PGDATA=/var/lib/postgresql/data, options alone mean postgres <options>"
wait_for 120 "the legacy cluster is initialised and accepts connections" init_done legacy
assert_eq "/var/lib/postgresql/data" "$(q legacy 'show data_directory')" "data_directory"
assert_eq "5MB" "$(q legacy 'show work_mem')" "work_mem (command: -c work_mem=5MB)"
assert_eq "on" "$(q legacy 'show ssl')" "ssl"
assert_contains "$(dc logs --no-color legacy 2>&1)" "plan: init new" "bootstrap log of the legacy cluster"
assert_eq "${COMPOSE_PROJECT_NAME}_legacydata" \
	"$(docker inspect -f '{{range .Mounts}}{{if eq .Destination "/var/lib/postgresql/data"}}{{.Name}}{{end}}{{end}}' "$(dc ps -q legacy)")" \
	"volume mounted at /var/lib/postgresql/data"
assert_eq "18" "$(dc exec -T legacy cat /var/lib/postgresql/data/PG_VERSION)" "PG_VERSION in that volume"

step "--user postgres: a new cluster works"
wait_for 120 "the --user postgres cluster is initialised and accepts connections" init_done asuser
assert_eq "postgres" "$(dc exec -T asuser sh -c 'ps -o user= -p "$(head -1 "$PGDATA/postmaster.pid")"' | tr -d ' ')" "user of the postmaster"
assert_eq "on" "$(q asuser 'show ssl')" "ssl"
assert_eq "$POSTGRES_USER|$POSTGRES_DB" "$(tcp db asuser "$password" "select current_user || '|' || current_database()")" "login over TCP"
assert_contains "$(dc logs --no-color asuser 2>&1)" "plan: init new" "bootstrap log of the --user postgres cluster"

step "--user 1234:1234 (no passwd entry): fails at once with a clear message"
dc --profile anyuid up -d anyuid
wait_for 60 "the --user 1234 container exited" container_exited anyuid
assert_eq "3" "$(exit_code anyuid)" "exit code"
out=$(dc logs --no-color anyuid 2>&1)
assert_contains "$out" "cannot write pgctl's configuration" "log"
assert_contains "$out" "the container runs as uid 1234 (no account in the image)" "log (who)"
assert_contains "$out" "run the container as root (the default) or as postgres" "log (the fix)"
assert_not_contains "$out" "database system is ready" "log (no server started)"

step "docker stop shuts down cleanly; the next start needs no crash recovery; initdb.d does not run again"
wait_for 120 "the first full backup is done" log_has db "first full backup done"
q db "create table kept(id int primary key); insert into kept select generate_series(1, 500)" >/dev/null
before=$(q db "select count(*) || ':' || sum(id) from kept")
dc stop db
assert_eq "0" "$(exit_code db)" "exit code after docker stop"
assert_contains "$(dc logs --no-color db 2>&1)" "database system is shut down" "log after docker stop"
since=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
dc start db
wait_for 120 "PostgreSQL accepts connections after the restart" pg_ready db
wait_for 30 "the server is up (log since the start)" sh -c \
	"docker compose --project-directory '$SCENARIO_DIR' --env-file '$SCENARIO_DIR/.env' logs --since '$since' db 2>&1 | grep -q 'database system is ready to accept connections'"
logs=$(dc logs --no-color --since "$since" db 2>&1)
assert_contains "$logs" "plan: start existing" "bootstrap log after the restart"
assert_contains "$logs" "database system was shut down at" "PostgreSQL log after the restart"
for bad in "database system was interrupted" "not properly shut down" "automatic recovery in progress" \
	"docker-entrypoint-initdb.d" "PostgreSQL init process complete"; do
	assert_not_contains "$logs" "$bad" "log after the restart"
done
assert_eq "$before" "$(q db "select count(*) || ':' || sum(id) from kept")" "rows after the restart"
assert_eq "sh:1,sql:1,sql.gz:1" "$(q db "select string_agg(script || ':' || n, ',' order by script) from (select script, count(*) n from initdb_runs group by script) s")" \
	"rows per initdb.d script after the restart"
assert_eq "7MB" "$(q db 'show work_mem')" "work_mem after the restart"
