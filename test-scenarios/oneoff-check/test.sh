#!/usr/bin/env bash
# oneoff-check (issue 22, part 1): README's and bootstrap's own advice, "test from
# the host: docker run --rm --env-file <your env> <image> pgctl check", run as
# written in a container where bootstrap never ran (no pgbackrest.conf, no cluster).
# - good settings before any start: configuration (pgbackrest.conf rendered from the
#   environment), the repository's endpoint, TLS, login and bucket pass; the stanza
#   (not there yet) and the cluster's checks are skipped; exit 0; nothing left in /tmp
# - a wrong secret: the login line fails with the fix, the bucket is not reached, exit 7,
#   and the secret shows nowhere; without the CA file the TLS line fails instead
# - after a container made the stanza and its first backup: the stanza line counts it
# The one-off container joins the scenario's network and mounts the test CA (what the
# user's own env file would point at); everything else is the command as printed.
. "$(dirname "$0")/../lib/scenario.sh"
good=$PGBACKREST_REPO1_S3_KEY_SECRET
wrong=s3secret-wrong-oneoff-check-91be07
scenario_start

envdir=$(mktemp -d /tmp/pgctl-oneoff-env.XXXXXX)
trap 'rc=$?; rm -rf "$envdir"; scenario_cleanup "$rc"' EXIT
# the user's env file: the repository settings, and nothing of the scenario's own
grep '^PGBACKREST_' .env >"$envdir/good.env"
sed "s/^PGBACKREST_REPO1_S3_KEY_SECRET=.*/PGBACKREST_REPO1_S3_KEY_SECRET=$wrong/" "$envdir/good.env" >"$envdir/wrong.env"
grep -v '^PGBACKREST_REPO1_STORAGE_CA_FILE=' "$envdir/good.env" >"$envdir/no-ca.env"

# oneoff ENVFILE [ARG...]: docker run --rm --env-file ENVFILE <image> ARG..., on the scenario's network
oneoff() {
	local env=$1
	shift
	docker run --rm --network "${COMPOSE_PROJECT_NAME}_default" -v "$TEST_CA:/etc/pgctl-test/ca.crt:ro" \
		--env-file "$env" "$PGCTL_IMAGE" "$@"
}

# line TEXT LINE: TEXT holds LINE as a whole line (check's lines: mark, name, detail)
has_line() {
	printf '%s\n' "$1" | grep -qxF -- "$2" || fail "no line '$2' in: $1"
	ok "line: $2"
}
# line_starts TEXT PREFIX: a line of TEXT starts with PREFIX
line_starts() {
	printf '%s\n' "$1" | grep -q "^$(printf '%s' "$2" | sed 's/[][\.*^$/]/\\&/g')" || fail "no line starting '$2' in: $1"
	ok "line: $2..."
}

step "the S3 service (S3Proxy, which checks signatures) starts"
dc up -d s3
wait_for 60 "the S3 service runs" sh -c "[ \"\$(docker inspect -f '{{.State.Health.Status}}' $(dc ps -q s3))\" = healthy ]"

step "good settings, before any container started: docker run --rm --env-file <env> <image> pgctl check"
capture oneoff "$envdir/good.env" pgctl check
check=$OUT
printf '%s\n' "$check"
assert_eq 0 "$RC" "exit code of the one-off pgctl check"
has_line "$check" "ok      configuration        s3://oneoff-check/pgbackrest at s3:9191, stanza main; pgbackrest.conf: rendered from the environment (no /etc/pgbackrest/pgbackrest.conf in this container)"
has_line "$check" "ok      repository endpoint  s3:9191 answers"
has_line "$check" "ok      repository TLS       certificate verified with the CA in /etc/pgctl-test/ca.crt"
has_line "$check" "ok      repository login     S3 accepts the key and secret"
has_line "$check" "ok      repository bucket    s3://oneoff-check/pgbackrest readable"
has_line "$check" "skipped stanza               the repository has no stanza 'main' yet: the first container started with these settings creates it"
has_line "$check" "skipped cluster              no cluster in this container"
has_line "$check" "skipped archive round trip   no cluster in this container"
has_line "$check" "all checks passed"
assert_eq 9 "$(count_lines . "$check")" "lines of the report"
assert_not_contains "$check" "[055]" "the one-off check (pgBackRest's missing pgbackrest.conf)"
assert_no_secret "$check" "$good" "the one-off check"

step "the private pgbackrest.conf is gone when pgctl check ends; nothing is written at PGBACKREST_CONFIG"
capture oneoff "$envdir/good.env" sh -c 'before=$(ls -A /tmp /etc/pgbackrest 2>&1); pgctl check >/dev/null; echo "rc=$?";
	after=$(ls -A /tmp /etc/pgbackrest 2>&1); [ "$after" = "$before" ] || printf "before:\n%s\nafter:\n%s\n" "$before" "$after"'
printf '%s\n' "$OUT"
assert_eq "rc=0" "$OUT" "exit code, then what changed in /tmp and /etc/pgbackrest (nothing)"

step "a wrong secret: the login line fails with the fix, exit 7"
capture oneoff "$envdir/wrong.env" pgctl check
check=$OUT
printf '%s\n' "$check"
assert_eq 7 "$RC" "exit code of the one-off pgctl check"
line_starts "$check" "ok      configuration        s3://oneoff-check/pgbackrest at s3:9191"
has_line "$check" "ok      repository endpoint  s3:9191 answers"
has_line "$check" "ok      repository TLS       certificate verified with the CA in /etc/pgctl-test/ca.crt"
has_line "$check" "FAILED  repository login     [ProtocolError] HTTP request failed with 403 (Forbidden): SignatureDoesNotMatch"
assert_contains "$check" "fix: S3 refused the credentials: check PGBACKREST_REPO1_S3_KEY and PGBACKREST_REPO1_S3_KEY_SECRET" "the login line's fix"
has_line "$check" "skipped repository bucket    not reached"
has_line "$check" "some checks failed"
assert_eq 0 "$(count_lines '^(ok|skipped|FAILED) +(stanza|cluster|archive)' "$check")" "lines after the repository's (not checked)"
assert_no_secret "$check" "$wrong" "the one-off check (the wrong secret)"
assert_no_secret "$check" "$good" "the one-off check (the good secret)"
assert_contains "$(dc logs --no-color s3 2>&1)" "403 SignatureDoesNotMatch" "S3 service log (the wrong secret was refused)"

step "no CA file: the TLS line fails with the fix, exit 7"
capture oneoff "$envdir/no-ca.env" pgctl check
check=$OUT
printf '%s\n' "$check"
assert_eq 7 "$RC" "exit code of the one-off pgctl check"
has_line "$check" "ok      repository endpoint  s3:9191 answers"
line_starts "$check" "FAILED  repository TLS       "
assert_contains "$check" "fix: the server's TLS certificate is not trusted: set PGBACKREST_REPO1_STORAGE_CA_FILE" "the TLS line's fix"
has_line "$check" "skipped repository login     not reached"
has_line "$check" "skipped repository bucket    not reached"

step "after a container made the stanza and its first backup, the one-off check finds them"
dc up -d db
wait_for 150 "the first full backup is done" log_has db "first full backup done"
capture oneoff "$envdir/good.env" pgctl check
check=$OUT
printf '%s\n' "$check"
assert_eq 0 "$RC" "exit code of the one-off pgctl check"
has_line "$check" "ok      stanza               1 backup(s)"
has_line "$check" "skipped cluster              no cluster in this container"
has_line "$check" "all checks passed"
