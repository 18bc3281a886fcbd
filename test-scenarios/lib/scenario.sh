# Helpers for scenario tests. Source it from a scenario's test.sh:
#   . "$(dirname "$0")/../lib/scenario.sh"
# A scenario is a folder with its own .env (which also names the compose
# project, so no two scenarios share containers, networks or volumes),
# compose.yaml and test.sh. scenario_start removes whatever a previous run
# left, and the EXIT trap removes everything again, also on failure.
set -euo pipefail

SCENARIO_DIR=$(cd "$(dirname "${BASH_SOURCE[1]}")" && pwd)
SCENARIO=$(basename "$SCENARIO_DIR")
REPO_ROOT=$(cd "$SCENARIO_DIR/../.." && pwd)
export PGCTL_IMAGE=${PGCTL_IMAGE:-pgctl:18}
# this checkout's fixture tags (test-scenarios/fixtures/build writes them)
. "$REPO_ROOT/test-scenarios/lib/fixtures-env"
export TEST_CA="$REPO_ROOT/test-scenarios/.cache/tls/ca.crt"
cd "$SCENARIO_DIR"
# the scenario's own settings (compose project name, bucket, test secrets)
set -a
. "$SCENARIO_DIR/.env"
set +a
# S3_IMPL picks the S3 server behind the scenario's "s3" service (run-all: "<scenario>@<impl>"):
#   s3mock        S3Mock, which accepts any credentials (the default: the scenario as written)
#   s3proxy       S3Proxy, a real S3 server that checks every signature (lib/s3proxy.compose.yaml)
#   s3proxy-host  S3Proxy, with the clients on host-style (virtual-hosted) addressing:
#                 PGBACKREST_REPO1_S3_URI_STYLE=host, requests to <bucket>.s3
# Not s3mock: its own compose project name (<project>-<impl>) and log names (<scenario>@<impl>).
S3_IMPL=${S3_IMPL:-s3mock}
compose_files=(-f "$SCENARIO_DIR/compose.yaml")
case $S3_IMPL in
s3mock) ;;
s3proxy | s3proxy-host)
	SCENARIO="$SCENARIO@$S3_IMPL"
	COMPOSE_PROJECT_NAME="$COMPOSE_PROJECT_NAME-$S3_IMPL"
	compose_files+=(-f "$REPO_ROOT/test-scenarios/lib/s3proxy.compose.yaml")
	;;
*)
	printf 'FAIL [%s]: S3_IMPL=%s is not an S3 implementation of the tests: use s3mock, s3proxy or s3proxy-host\n' "$SCENARIO" "$S3_IMPL" >&2
	exit 2
	;;
esac
# the secret the S3 service accepts, fixed before test.sh may start a client with another one
export S3_AUTH_SECRET=${S3_AUTH_SECRET:-${PGBACKREST_REPO1_S3_KEY_SECRET:-}}
# PGCTL_PROJECT_SUFFIX=x: another compose project name, so that two checkouts can run the
# same scenario at once (the shell's COMPOSE_PROJECT_NAME wins over the .env file's)
if [ -n "${PGCTL_PROJECT_SUFFIX:-}" ]; then
	export COMPOSE_PROJECT_NAME="$COMPOSE_PROJECT_NAME-$PGCTL_PROJECT_SUFFIX"
fi

dc() {
	docker compose --project-directory "$SCENARIO_DIR" --env-file "$SCENARIO_DIR/.env" "${compose_files[@]}" "$@"
}

# Host style: every service but s3 gets PGBACKREST_REPO1_S3_URI_STYLE=host over its env_file,
# through one more compose file written for this run (removed by the EXIT trap's cleanup).
if [ "$S3_IMPL" = s3proxy-host ]; then
	export PGBACKREST_REPO1_S3_URI_STYLE=host
	uri_style_file=$(mktemp /tmp/pgctl-uri-style.XXXXXX.yaml)
	services=$(dc config --services) || { rm -f "$uri_style_file"; exit 2; }
	{
		echo "services:"
		for svc in $services; do
			[ "$svc" = s3 ] || printf '  %s:\n    environment:\n      PGBACKREST_REPO1_S3_URI_STYLE: host\n' "$svc"
		done
	} >"$uri_style_file"
	compose_files+=(-f "$uri_style_file")
fi

step() {
	printf '\n--- [%s] %s\n' "$SCENARIO" "$*"
}

fail() {
	printf 'FAIL [%s]: %s\n' "$SCENARIO" "$*" >&2
	exit 1
}

ok() {
	printf 'ok: %s\n' "$*"
}

# capture CMD [ARG...]: runs a command that may fail (one command, no pipe) and sets
# OUT to its stdout and stderr and RC to its exit code, whatever set -e says
capture() {
	set +e
	OUT=$("$@" 2>&1)
	RC=$?
	set -e
}

# must CMD [ARG...]: like capture, but a non-zero exit code fails the scenario, naming the
# command. For output that an assertion then checks: "$(cmd)" as an argument loses cmd's exit
# code, so a check for an empty output or a missing text would pass when cmd itself failed.
must() {
	capture "$@"
	[ "$RC" = 0 ] || {
		printf '%s\n' "$OUT" | tail -n 30 >&2
		fail "'$*' exited $RC (output above)"
	}
}

# assert_true WHAT COMMAND...: passes when COMMAND exits 0 (never write `cond && ok`: under
# set -e a false condition there ends nothing, and the scenario goes on as if it had passed)
assert_true() {
	local what=$1
	shift
	if "$@"; then
		ok "$what"
	else
		fail "$what: '$*' is false"
	fi
}

# count_lines ERE TEXT: how many lines of TEXT match ERE. 0 is a count, not a failure; a bad
# pattern is. Give it text already captured, so that the command that made it was checked.
count_lines() {
	local n
	n=$(grep -cE -- "$1" <<<"$2") || [ $? = 1 ] || return
	printf '%s\n' "$n"
}

# assert_eq EXPECTED ACTUAL WHAT
assert_eq() {
	if [ "$1" = "$2" ]; then
		ok "$3 = '$2'"
	else
		fail "$3: expected '$1', saw '$2'"
	fi
}

# assert_contains HAYSTACK NEEDLE WHAT
assert_contains() {
	# here-strings, not pipes: with pipefail, grep -q exiting early would fail the pipe
	if grep -qF -- "$2" <<<"$1"; then
		ok "$3 contains '$2'"
	else
		printf '%s\n' "$1" | tail -n 30 >&2
		fail "$3: expected to contain '$2' (output above)"
	fi
}

# assert_not_contains HAYSTACK NEEDLE WHAT
assert_not_contains() {
	if grep -qF -- "$2" <<<"$1"; then
		fail "$3: expected NOT to contain '$2'"
	else
		ok "$3 does not contain '$2'"
	fi
}

# assert_no_secret HAYSTACK SECRET WHAT: like assert_not_contains, but never prints the secret
assert_no_secret() {
	if grep -qF -- "$2" <<<"$1"; then
		fail "$3: contains a test secret (${#2} characters, starting '${2:0:3}')"
	else
		ok "$3 contains no test secret"
	fi
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND once a second until it succeeds
wait_for() {
	local limit=$1 what=$2 start
	shift 2
	start=$(date +%s)
	until "$@" >/dev/null 2>&1; do
		if [ $(($(date +%s) - start)) -ge "$limit" ]; then
			fail "$what: not true after ${limit} s"
		fi
		sleep 1
	done
	ok "$what (after $(($(date +%s) - start)) s)"
}

# psql_in SERVICE SQL: one query as the superuser over the local socket, unaligned, tuples only
psql_in() {
	dc exec -T "$1" psql -X -v ON_ERROR_STOP=1 -U "${POSTGRES_USER:-postgres}" -At -c "$2"
}

# sql_is SERVICE SQL EXPECTED: true when the query returns EXPECTED
sql_is() {
	[ "$(psql_in "$1" "$2" 2>/dev/null)" = "$3" ]
}

# Over TCP on purpose: the official entrypoint's temporary init server listens on
# the socket only (listen_addresses=''), so a socket check can pass while
# initialisation is still running and the server is about to restart.
pg_ready() {
	dc exec -T "$1" pg_isready -q -h 127.0.0.1
}

# true once the service's log contains the text
log_has() {
	local logs
	logs=$(dc logs --no-color "$1" 2>&1)
	grep -qF -- "$2" <<<"$logs"
}

# the latest backup labels in the repository, one per line
repo_backups() {
	dc exec -T -u postgres "$1" pgbackrest --output=json info | python3 -c '
import json, sys
for st in json.load(sys.stdin):
    for b in st.get("backup", []):
        print(b["label"], b["type"])'
}

# repo_backup_dirs SERVICE: the backup set folders in the repository's backup/main, whether or
# not backup.info lists them (fails when the repository cannot be listed)
repo_backup_dirs() {
	local ls
	ls=$(dc exec -T -u postgres "$1" pgbackrest --stanza=main repo-ls backup/main) || return
	grep -E '^[0-9]{8}-[0-9]{6}F' <<<"$ls" || [ $? = 1 ]
}

# repo_orphans SERVICE: backup set folders that backup.info does not list, one per line (a
# set a killed backup left). Fails when either listing fails, or when a set backup.info lists
# has no folder (a wrong path lists nothing, and nothing is no orphan): call it as
# `x=$(repo_orphans db) || fail ...`, never inside an assertion's argument.
repo_orphans() {
	local listed dirs missing
	listed=$(repo_backups "$1" | cut -d' ' -f1) || return
	dirs=$(repo_backup_dirs "$1") || return
	missing=$(comm -23 <(sort <<<"$listed") <(sort <<<"$dirs") | tr '\n' ' ')
	if [ -n "${missing// /}" ]; then
		printf 'backup.info lists %sbut backup/main has no folder of that name\n' "$missing" >&2
		return 1
	fi
	comm -13 <(sort <<<"$listed") <(sort <<<"$dirs") | grep . || [ $? = 1 ]
}

# Removes every container, volume and network of this scenario's compose project,
# including services behind a profile, which `docker compose down` leaves alone.
project_purge() {
	local label="label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" ids
	dc down -v --remove-orphans >/dev/null 2>&1 || true
	ids=$(docker ps -aq --filter "$label")
	[ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1 || true
	ids=$(docker volume ls -q --filter "$label")
	[ -z "$ids" ] || docker volume rm $ids >/dev/null 2>&1 || true
	ids=$(docker network ls -q --filter "$label")
	[ -z "$ids" ] || docker network rm $ids >/dev/null 2>&1 || true
}

# scenario_cleanup [RC]: the EXIT trap. A scenario with its own trap passes its
# exit code (a failing command in a trap would end the shell under set -e).
scenario_cleanup() {
	local rc=${1:-$?}
	if [ "$rc" != 0 ]; then
		printf '\n=== [%s] container logs (failure) ===\n' "$SCENARIO" >&2
		local svc lines
		# every service's own tail, the object store's short: its start-up banner says little
		for svc in $(dc ps -a --services 2>/dev/null); do
			case $svc in s3*) lines=20 ;; *) lines=200 ;; esac
			printf '\n--- %s (last %s lines)\n' "$svc" "$lines" >&2
			dc logs --no-color --no-log-prefix --tail "$lines" "$svc" >&2 2>&1 || true
		done
	fi
	# every container's whole log, for run-all's secrets audit
	if [ -n "${SCENARIO_RESULTS:-}" ] && [ -d "$SCENARIO_RESULTS" ]; then
		dc logs --no-color >"$SCENARIO_RESULTS/$SCENARIO.containers.log" 2>&1 || true
	fi
	project_purge
	[ -z "${uri_style_file:-}" ] || rm -f "$uri_style_file"
	exit "$rc"
}

scenario_start() {
	step "removing anything a previous run left"
	project_purge
	trap scenario_cleanup EXIT
}

# service_healthy SERVICE: the compose service's container reports healthy (its HEALTHCHECK)
service_healthy() {
	[ "$(docker inspect -f '{{.State.Health.Status}}' "$(dc ps -q "$1")")" = healthy ]
}

# wait_archived SERVICE: switch WAL and wait until every segment written so far is archived.
# The segment to wait for is the last complete one, read from what pg_switch_wal() returns: the
# end of its switch record (inside the segment it completed), or, when the current segment is
# still empty, the start of that segment (pg_switch_wal() is then a no-op and the segment before
# it is the last one to archive). Minus one byte, both name that segment. The segment of
# pg_current_wal_lsn() would be wrong in the second case: an idle cluster (no WAL since an
# archive_timeout switch) never completes it, and the wait ran out although archiving worked.
wait_archived() {
	local seg
	seg=$(psql_in "$1" "select pg_walfile_name(pg_switch_wal() - 1)")
	_archived_at_least() {
		local last
		last=$(psql_in "$1" "select coalesce(last_archived_wal, '') from pg_stat_archiver")
		[ -n "$last" ] && { [[ "$last" > "$2" ]] || [ "$last" = "$2" ]; }
	}
	wait_for 90 "WAL segment $seg archived" _archived_at_least "$1" "$seg"
}

# remove_db SERVICE: remove the container and its data volume
remove_db() {
	dc rm -sfv "$1" >/dev/null
	docker volume rm "${COMPOSE_PROJECT_NAME}_pgdata" >/dev/null
}

# exit_code SERVICE: the exit code of the service's (stopped) container
exit_code() {
	docker inspect -f '{{.State.ExitCode}}' "$(dc ps -a -q "$1")"
}

container_exited() {
	[ "$(docker inspect -f '{{.State.Status}}' "$(dc ps -a -q "$1")")" = exited ]
}

# pgdata_entries SERVICE: how many entries PGDATA has in the service's volume
pgdata_entries() {
	dc run --rm -T --no-deps --entrypoint sh "$1" -c 'ls -A /var/lib/postgresql/18/docker 2>/dev/null | wc -l' | tr -d ' '
}
