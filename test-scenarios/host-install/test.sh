#!/usr/bin/env bash
# host-install: test-scenarios/lib/ensure-docker installs Docker on a Debian 12
# (bookworm) machine without changing its release: the Docker packages are
# selected per package from trixie, the plan is simulated first, and a plan that
# upgrades or removes an installed package (libc6, base-files, systemd, python3
# above all) is refused. Proven in a throwaway bookworm root file system
# (pgctl-fixture/bookworm-rootfs, debootstrap'd with systemd and python3).
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

lib="$REPO_ROOT/test-scenarios/lib"
protected="libc6 base-files systemd python3"
bookworm() { # runs a bash script in a new throwaway bookworm container, ensure-docker mounted
	docker run --rm -i --label "com.docker.compose.project=$COMPOSE_PROJECT_NAME" \
		-v "$lib:/opt/lib:ro" "$BOOKWORM_IMAGE" bash -s
}

step "the plan judge, on canned apt-get -s output"
judge() { bash -c '. "$1"; judge_plan' _ "$lib/ensure-docker"; }
capture judge <<<'Inst containerd (1.7.24 Debian:13.8/stable [amd64])
Inst docker.io (26.1.5 Debian:13.8/stable [amd64])
Conf docker.io (26.1.5 Debian:13.8/stable [amd64])'
assert_eq 0 "$RC" "exit code of a plan that only installs new packages"
assert_contains "$OUT" "  docker.io 26.1.5 (Debian:13.8/stable)" "the plan as printed"
capture judge <<<'Inst libc6 [2.36-9+deb12u10] (2.41-12 Debian:13.8/stable [amd64])
Inst docker.io (26.1.5 Debian:13.8/stable [amd64])'
assert_eq 1 "$RC" "exit code of a plan that upgrades libc6"
assert_contains "$OUT" "upgrade libc6 2.36-9+deb12u10 -> 2.41-12" "the refusal"
assert_contains "$OUT" "among them libc6, which this script never upgrades" "the refusal"
capture judge <<<'Inst libfoo1 [1.0] (1.1 Debian:12.15/oldstable [amd64])'
assert_eq 1 "$RC" "exit code of a plan that upgrades any installed package"
capture judge <<<'Remv systemd [252.38-1~deb12u1]'
assert_eq 1 "$RC" "exit code of a plan that removes systemd"

step "a bookworm root file system: what it has before"
q="dpkg-query -W -f '\${Package} \${Version}\\n'"
before=$(bookworm <<<"$q $protected; grep VERSION_CODENAME /etc/os-release")
assert_contains "$before" "VERSION_CODENAME=bookworm" "the throwaway root file system"
for p in $protected; do
	assert_contains "$before" "$p " "installed packages of the bookworm root file system"
done

step "ensure-docker --plan there, and the same install done the way the issue forbids (-t trixie)"
capture bookworm <<SH
set -euo pipefail
/opt/lib/ensure-docker --plan
echo "--- -t trixie, judged the same way"
. /opt/lib/ensure-docker
set +e
LC_ALL=C apt-get -s -t trixie install docker.io docker-compose docker-buildx | judge_plan >/dev/null
echo "-t trixie judged: \$?"
SH
[ "$RC" = 0 ] || printf '%s\n' "$OUT" | tail -n 30 >&2
assert_eq 0 "$RC" "exit code of ensure-docker --plan and the -t trixie check"
plan=$(sed -n '/^  /p;/--- -t trixie/q' <<<"$OUT")
assert_contains "$plan" "  docker.io " "the plan"
assert_contains "$plan" "  docker-compose 2." "the plan (compose v2)"
assert_contains "$plan" "  docker-buildx " "the plan"
for p in $protected; do
	if grep -qE "^  $p(:[a-z0-9]+)? " <<<"$plan"; then
		fail "the plan installs or upgrades $p"
	fi
	ok "the plan leaves $p alone"
done
assert_contains "$OUT" "-t trixie judged: 1" "'-t trixie' on the same machine (refused: upgrades)"
assert_contains "$OUT" "upgrade libc6 " "what '-t trixie' would have done"

step "the install itself there, then the same versions as before"
capture bookworm <<SH
set -euo pipefail
. /opt/lib/ensure-docker
install_docker "\$(docker_suite)"
echo "--- after"
$q $protected docker.io docker-compose docker-buildx; grep VERSION_CODENAME /etc/os-release
SH
[ "$RC" = 0 ] || printf '%s\n' "$OUT" | tail -n 30 >&2
assert_eq 0 "$RC" "exit code of the install in the bookworm root file system"
after=$(sed -n '/^--- after/,$p' <<<"$OUT")
for p in $protected; do
	assert_eq "$(grep "^$p " <<<"$before")" "$(grep "^$p " <<<"$after")" "$p after the install"
done
assert_contains "$after" "VERSION_CODENAME=bookworm" "the release after the install"
assert_contains "$after" "docker-compose 2." "docker-compose after the install"
