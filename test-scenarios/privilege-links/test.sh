#!/usr/bin/env bash
# privilege-links: a PostgreSQL superuser can run commands as the OS user postgres
# (COPY ... TO PROGRAM), so it can plant symbolic links in every place pgctl
# writes. As postgres, such links are planted into PGDATA, beside it, into
# /etc/pgctl, /etc/pgbackrest, /run/pgctl and the SSL directories, pointing at
# files outside them (/etc/passwd, /etc/shadow, /etc/group, /etc itself); the
# container then restarts through every start-up path (existing cluster,
# adopted cluster, in-place restore request, interrupted restore). No file or
# directory outside pgctl's and PostgreSQL's own directories changes (content,
# owner, mode, no new file), and each start either succeeds or refuses with a
# message naming the file. Root in pgctl only creates directories where only
# root writes and hands them over without following links (README, "Privileges").
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

pgdata=/var/lib/postgresql/18/docker
vol="${COMPOSE_PROJECT_NAME}_pgdata"

# Everything outside the directories pgctl and PostgreSQL own, as root: type, owner,
# mode and (files) checksum of each entry. Docker's own bind mounts (/etc/hosts,
# /etc/hostname, /etc/resolv.conf), the kernel's trees and PostgreSQL's socket
# directory are left out. A stopped container is looked at through a snapshot of it.
LISTING='
	skip="-path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run/pgctl -o -path /run/postgresql
		-o -path /var/lib/postgresql -o -path /etc/pgctl -o -path /etc/pgbackrest -o -path /var/spool/pgbackrest
		-o -path /etc/hosts -o -path /etc/hostname -o -path /etc/resolv.conf -o -path /etc/pgctl-test"
	find / -xdev \( $skip \) -prune -o -printf "%y %u:%g %m %p\n" | sort
	find / -xdev \( $skip \) -prune -o -type f -print0 | xargs -0 sha256sum | sort -k2'
outside() {
	local id img
	id=$(dc ps -a -q db)
	if [ "$(docker inspect -f '{{.State.Running}}' "$id")" = true ]; then
		dc exec -T -u root db sh -c "$LISTING"
	else
		img=$(docker commit "$id")
		docker run --rm -u root --entrypoint sh "$img" -c "$LISTING"
		docker rmi "$img" >/dev/null
	fi
}

as_postgres() { dc exec -T -u postgres db sh -ec "$1"; }

# plant_all: links in every place pgctl writes, each to a file outside
plant_all() {
	as_postgres "
		ln -sfn /etc/shadow /run/pgctl/.after-start.json.tmp
		rm -f /run/pgctl/scheduler.expected; ln -s /etc/group /run/pgctl/scheduler.expected
		rm -f /etc/pgctl/postgresql.conf; ln -s /etc/passwd /etc/pgctl/postgresql.conf
		rm -f /etc/pgctl/crontab; ln -s /etc/passwd /etc/pgctl/crontab
		rm -f /etc/pgctl/pg_hba.conf; ln -s /etc/passwd /etc/pgctl/pg_hba.conf
		ln -sfn /etc/shadow /etc/pgctl/.postgresql.conf.tmp
		rm -f /etc/pgbackrest/pgbackrest.conf; ln -s /etc/passwd /etc/pgbackrest/pgbackrest.conf
		rm -f /etc/pgctl/ssl/server.crt; ln -s /etc/group /etc/pgctl/ssl/server.crt
	"
}

# start_db: starts the stopped container; 'ok' when it serves, else its exit code
restart_expecting() { # ok|refused WHAT
	local since
	since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	dc stop db >/dev/null
	dc start db >/dev/null
	if [ "$1" = ok ]; then
		wait_for 180 "PostgreSQL accepts connections ($2)" pg_ready db
	else
		wait_for 120 "the container refuses to start ($2)" container_exited db
		[ "$(exit_code db)" != 0 ] || fail "$2: the refused start exited 0"
		ok "$2: exit code $(exit_code db)"
	fi
	LOGS=$(dc logs --no-color --since "$since" db 2>&1)
}

# same_outside WHAT: the outside listing equals the one taken at the start (a diff otherwise)
same_outside() {
	local now
	now=$(outside)
	if [ "$now" != "$before" ]; then
		diff <(printf '%s\n' "$before") <(printf '%s\n' "$now") | head -n 40 >&2
		fail "$1: files outside pgctl's directories changed (diff above)"
	fi
	ok "$1: nothing outside pgctl's directories changed ($(wc -l <<<"$now") entries compared)"
}

shadow_line() { dc exec -T -u root db sh -c 'head -n 1 /etc/shadow'; }

step "a new cluster with its first backup"
dc up -d
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 120 "the first full backup is done" log_has db "first full backup done"
psql_in db "create table kept(id int primary key); insert into kept select generate_series(1,1000)" >/dev/null
rows=$(psql_in db "select count(*) || ':' || sum(id) from kept")
before=$(outside)
secret_line=$(shadow_line)
assert_contains "$before" "f root:root 644 /etc/passwd" "the outside listing"

step "path 1: existing cluster, with links in /run/pgctl, /etc/pgctl, /etc/pgbackrest and the SSL copies"
plant_all
restart_expecting ok "existing cluster"
assert_contains "$LOGS" "plan: start existing" "bootstrap log"
same_outside "everything outside pgctl's directories after the start"
assert_eq "$rows" "$(psql_in db "select count(*) || ':' || sum(id) from kept")" "rows"
assert_eq "f" "$(dc exec -T db sh -c 'test -L /etc/pgbackrest/pgbackrest.conf && echo l || echo f')" "pgbackrest.conf is a file again"
assert_contains "$(dc exec -T db pgctl status 2>&1)" "archiving" "pgctl status after the start"

step "path 2: adopted cluster (postgresql.conf without pgctl's include), the pending marker a link to /etc/passwd"
as_postgres "sed -i '/pgctl/d' $pgdata/postgresql.conf; ln -sfn /etc/passwd $pgdata/pgctl-backups-pending"
plant_all
restart_expecting ok "adopted cluster"
assert_contains "$LOGS" "backups pending" "bootstrap log (adopted)"
same_outside "everything outside pgctl's directories after the start"
assert_eq "f" "$(dc exec -T db sh -c "test -L $pgdata/pgctl-backups-pending && echo l || echo f")" "the pending marker is pgctl's own file"
capture dc exec -T db pgctl enable-backups
[ "$RC" = 0 ] || { printf '%s\n' "$OUT" | tail -n 20 >&2; fail "enable-backups exited $RC (output above)"; }
ok "enable-backups"

step "path 3: an in-place restore request that is a link to /etc/shadow"
as_postgres "ln -sfn /etc/shadow $pgdata/pgctl-restore-request"
plant_all
restart_expecting refused "restore request that root cannot read as postgres"
assert_contains "$LOGS" "pgctl-restore-request" "the refusal names the request file"
assert_no_secret "$LOGS" "$secret_line" "the refusal (no line of /etc/shadow)"
assert_eq link "$(docker run --rm -v "$vol:/var/lib/postgresql" --entrypoint sh "$PGCTL_IMAGE" -c \
	"test -L $pgdata/pgctl-restore-request && echo link || echo gone")" "the planted request, left as it was"
docker run --rm -u postgres -v "$vol:/var/lib/postgresql" --entrypoint rm "$PGCTL_IMAGE" "$pgdata/pgctl-restore-request"
dc start db >/dev/null
wait_for 180 "PostgreSQL accepts connections once the link is gone" pg_ready db
same_outside "everything outside pgctl's directories"

step "path 4: an interrupted restore whose marker is a link to /etc/passwd"
wait_for 120 "the after-start job has finished" log_has db "no first full backup needed"
wait_archived db
dc stop db >/dev/null
docker run --rm -u postgres -v "$vol:/var/lib/postgresql" --entrypoint ln "$PGCTL_IMAGE" -s /etc/passwd \
	/var/lib/postgresql/18/.docker.pgctl-restore
dc start db >/dev/null
wait_for 300 "PostgreSQL accepts connections after the resumed restore" pg_ready db
LOGS=$(dc logs --no-color db 2>&1)
assert_contains "$LOGS" "restoring with --delta" "bootstrap log (interrupted restore resumed)"
wait_for 120 "the restored cluster is promoted" sql_is db "select pg_is_in_recovery()" f
same_outside "everything outside pgctl's directories after the restore"
assert_eq "$rows" "$(psql_in db "select count(*) || ':' || sum(id) from kept")" "rows after the restore"

step "path 5: PGDATA's postgresql.conf a link to /etc/passwd"
as_postgres "mv $pgdata/postgresql.conf $pgdata/postgresql.conf.real; ln -s /etc/passwd $pgdata/postgresql.conf"
restart_expecting refused "postgresql.conf a link to /etc/passwd"
assert_contains "$LOGS" "$pgdata/postgresql.conf: cannot be written by postgres" "the refusal names the file"
same_outside "after the refused start"
docker run --rm -u postgres -v "$vol:/var/lib/postgresql" --entrypoint sh "$PGCTL_IMAGE" -ec \
	"rm $pgdata/postgresql.conf; mv $pgdata/postgresql.conf.real $pgdata/postgresql.conf"
dc start db >/dev/null
wait_for 180 "PostgreSQL accepts connections with the file back" pg_ready db

step "path 6: the SSL install directory a link to /etc"
as_postgres "rm -rf /etc/pgctl/ssl; ln -s /etc /etc/pgctl/ssl"
restart_expecting refused "SSL install directory a link"
assert_contains "$LOGS" "/etc/pgctl/ssl is a symbolic link" "the refusal names the link"
same_outside "after the refused start"
