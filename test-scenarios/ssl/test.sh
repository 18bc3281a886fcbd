#!/usr/bin/env bash
# ssl: TCP without SSL is refused; verify-full with the exported CA and a SAN
# host name works; generated certificates survive a restart unchanged; rotate
# takes effect without a restart; user-provided certificates are used untouched.
. "$(dirname "$0")/../lib/scenario.sh"
work=$(mktemp -d)
export OWN_CERTS="$work/own-certs"
mkdir -p "$OWN_CERTS"
trap 'rm -rf "$work"' RETURN
scenario_start

client() { dc run --rm -T --no-deps "$@"; }
served_sha() { # the SHA-256 of the certificate the server presents on TCP
	client client sh -c "openssl s_client -starttls postgres -connect $1:5432 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256" | cut -d= -f2
}

step "a new database generates its certificates"
dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
assert_contains "$(dc logs --no-color db 2>&1)" "ssl: generated a private CA and a server certificate for DNS:db" "bootstrap log"
assert_eq "on" "$(psql_in db 'show ssl')" "ssl"

step "TCP without SSL is refused"
capture client client psql "host=db sslmode=disable" -Atc "select 1"
out=$OUT rc=$RC
assert_eq 2 "$rc" "psql exit code with sslmode=disable"
assert_contains "$out" "no encryption" "refusal"

step "sslmode=verify-full with the exported CA and a SAN host name"
dc cp db:/var/lib/postgresql/ssl/ca.crt "$work/ca.crt"
out=$(dc run --rm -T --no-deps -v "$work/ca.crt:/ca.crt:ro" client \
	psql "host=db sslmode=verify-full sslrootcert=/ca.crt" -Atc "select ssl from pg_stat_ssl where pid = pg_backend_pid()")
assert_eq "t" "$out" "SSL of a verify-full connection"
set +e
out=$(dc run --rm -T --no-deps -v "$work/ca.crt:/ca.crt:ro" client \
	sh -c 'psql "host=$(getent hosts db | cut -d" " -f1) sslmode=verify-full sslrootcert=/ca.crt" -Atc "select 1"' 2>&1)
set -e
assert_contains "$out" "does not match host name" "verify-full by IP address (not in the certificate)"

step "generated certificates survive a restart unchanged"
before=$(dc exec -T db sha256sum /var/lib/postgresql/ssl/server.crt /var/lib/postgresql/ssl/ca.crt)
served_before=$(served_sha db)
dc restart db
wait_for 120 "PostgreSQL accepts connections after the restart" pg_ready db
assert_eq "$before" "$(dc exec -T db sha256sum /var/lib/postgresql/ssl/server.crt /var/lib/postgresql/ssl/ca.crt)" "certificate files after the restart"
assert_eq "$served_before" "$(served_sha db)" "certificate the server presents after the restart"

step "pgctl ssl rotate takes effect without a restart"
pid=$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)
dc exec -T db pgctl ssl rotate
served_after=$(served_sha db)
[ -n "$served_after" ] && [ "$served_after" != "$served_before" ] || fail "the server still presents $served_before after rotate"
ok "the server presents a new certificate ($served_after)"
assert_eq "$pid" "$(dc exec -T db head -1 /var/lib/postgresql/18/docker/postmaster.pid)" "postmaster PID (no restart)"
assert_contains "$(dc exec -T db pgctl ssl status)" "yes, the running server presents it" "pgctl ssl status"
out=$(dc run --rm -T --no-deps -v "$work/ca.crt:/ca.crt:ro" client \
	psql "host=db sslmode=verify-full sslrootcert=/ca.crt" -Atc "select 1")
assert_eq "1" "$out" "verify-full with the same CA after rotate"

step "user-provided certificates are used as they are"
(
	cd "$OWN_CERTS"
	openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=own test CA" -keyout "$work/own-ca.key" -out ca.crt 2>/dev/null
	openssl req -newkey rsa:2048 -nodes -subj "/CN=own" -keyout server.key -out "$work/own.csr" 2>/dev/null
	printf 'subjectAltName=DNS:own\n' >"$work/own.ext"
	openssl x509 -req -in "$work/own.csr" -CA ca.crt -CAkey "$work/own-ca.key" -CAcreateserial -days 30 \
		-extfile "$work/own.ext" -out server.crt 2>/dev/null
	chmod 0644 server.crt ca.crt server.key
)
own_before=$(cd "$OWN_CERTS" && ls -la --time-style=+%s . && sha256sum *)
own_sha=$(openssl x509 -in "$OWN_CERTS/server.crt" -noout -fingerprint -sha256 | cut -d= -f2)
dc --profile own up -d own
wait_for 120 "PostgreSQL with the provided certificates accepts connections" pg_ready own
assert_contains "$(dc logs --no-color own 2>&1)" "ssl: certificates provided in /etc/pgctl-certs" "bootstrap log"
assert_eq "$own_sha" "$(served_sha own)" "certificate the server presents"
assert_eq "$own_before" "$(cd "$OWN_CERTS" && ls -la --time-style=+%s . && sha256sum *)" "the provided files (untouched)"
out=$(dc run --rm -T --no-deps -v "$OWN_CERTS/ca.crt:/ca.crt:ro" client \
	psql "host=own sslmode=verify-full sslrootcert=/ca.crt" -Atc "select 1")
assert_eq "1" "$out" "verify-full against the provided CA"
capture dc exec -T own pgctl ssl rotate --new-ca
out=$OUT rc=$RC
assert_eq 4 "$rc" "pgctl ssl rotate --new-ca on provided certificates"
assert_contains "$out" "pgctl never overwrites them" "refusal"
