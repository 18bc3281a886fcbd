#!/usr/bin/env bash
# alpine-path: the checks of docker/install-packages that only the Alpine build reaches (its package
# index cannot be reached here), run on canned inputs, under bash and under dash (a POSIX shell like
# Alpine's busybox sh). No containers; a few seconds.
#   - pgBackRest older than the minimum (2.57.0) fails the build and says what was found and what is needed
#   - a library missing from pgBackRest fails the build with musl's ldd (stderr, exit 127) as with glibc's
#   - apk extract is used where apk-tools has it (3 and later)
. "$(dirname "$0")/../lib/scenario.sh"

script="$REPO_ROOT/docker/install-packages"
# ALPINE_PATH_SHELLS="sh": other shells (e.g. busybox sh with busybox awk and sed first on PATH, as on Alpine)
shells=${ALPINE_PATH_SHELLS:-bash dash}

# run_in SHELL FUNCTION ARGS...: one function of install-packages, sourced into SHELL without running a step
run_in() {
	local sh=$1
	shift
	INSTALL_PACKAGES_FUNCTIONS_ONLY=1 "$sh" -c '. "$0"; "$@"' "$script" "$@"
}

for sh in $shells; do
	step "[$sh] version_at_least FOUND MINIMUM"
	while read -r found min want; do
		capture run_in "$sh" version_at_least "$found" "$min"
		assert_eq "$want" "$RC" "version_at_least $found $min (0 = at least)"
	done <<'TABLE'
2.60.0 2.57.0 0
2.58.0 2.57.0 0
2.57.0 2.57.0 0
2.57.1 2.57.0 0
3.0.0 2.57.0 0
2.100.0 2.57.0 0
2.56.0 2.57.0 1
2.55.1 2.57.0 1
2.9.0 2.57.0 1
1.99.9 2.57.0 1
garbage 2.57.0 1
TABLE
	capture run_in "$sh" version_at_least "" 2.57.0
	assert_eq 1 "$RC" "version_at_least '' 2.57.0"

	step "[$sh] pgbackrest_version_check: the build's verdict on \`pgbackrest version\`"
	capture run_in "$sh" pgbackrest_version_check "pgBackRest 2.58.0" 2.57.0
	assert_eq 0 "$RC" "exit code for pgBackRest 2.58.0 (Alpine 3.24)"
	assert_eq "pgBackRest 2.58.0 (pgctl needs 2.57.0 or later)" "$OUT" "what the build prints"
	capture run_in "$sh" pgbackrest_version_check "pgBackRest 2.57.0" 2.57.0
	assert_eq 0 "$RC" "exit code for pgBackRest 2.57.0 (Alpine 3.23)"
	capture run_in "$sh" pgbackrest_version_check "pgBackRest 2.55.0" 2.57.0
	assert_eq 1 "$RC" "exit code for pgBackRest 2.55.0 (Alpine 3.22)"
	assert_contains "$OUT" "pgBackRest 2.55.0 is too old: pgctl needs 2.57.0 or later for PostgreSQL 18" "the refusal"
	assert_contains "$OUT" "--build-arg BASE_IMAGE=postgres:18-alpine3.23" "the fix in the refusal"
	capture run_in "$sh" pgbackrest_version_check "pgBackRest 2.56.0" 2.57.0
	assert_eq 1 "$RC" "exit code for pgBackRest 2.56.0"
	capture run_in "$sh" pgbackrest_version_check "Error loading shared library libpq.so.5: No such file or directory" 2.57.0
	assert_eq 1 "$RC" "exit code when the version cannot be read"
	assert_contains "$OUT" "cannot read pgBackRest's version" "the refusal"
	capture run_in "$sh" pgbackrest_version_check "" 2.57.0
	assert_eq 1 "$RC" "exit code for an empty \`pgbackrest version\`"

	step "[$sh] ldd_check, with an ldd that prints what musl's and glibc's print"
	fake=$(mktemp -d)
	# musl 1.2.6's ldd (its loader in list mode) on a binary that needs a missing library, as seen on
	# /bin/ls in a Debian sid container with the musl package: found libraries on stdout, the
	# missing one and the symbols it would have provided on stderr, exit status 127
	cat >"$fake/musl-missing" <<'LDD'
#!/bin/sh
printf '\t/lib/ld-musl-x86_64.so.1 (0x7f06f4bef000)\n\tlibpq.so.5 => /usr/lib/libpq.so.5 (0x7f06f4b00000)\n'
printf 'Error loading shared library libssh2.so.1: No such file or directory (needed by %s)\n' "$1" >&2
printf 'Error relocating %s: libssh2_session_init_ex: symbol not found\n' "$1" >&2
exit 127
LDD
	cat >"$fake/musl-ok" <<'LDD'
#!/bin/sh
printf '\t/lib/ld-musl-x86_64.so.1 (0x7f06f4bef000)\n\tlibpq.so.5 => /usr/lib/libpq.so.5 (0x7f06f4b00000)\n'
printf '\tlibc.musl-x86_64.so.1 => /lib/ld-musl-x86_64.so.1 (0x7f06f4bef000)\n'
LDD
	# glibc's ldd with a library moved away (seen in the same container): stdout, exit status 0
	cat >"$fake/glibc-missing" <<'LDD'
#!/bin/sh
printf '\tlinux-vdso.so.1 (0x00007f4e855b2000)\n\tlibselinux.so.1 => not found\n'
printf '\tlibc.so.6 => /usr/lib/x86_64-linux-gnu/libc.so.6 (0x00007f4e85397000)\n'
LDD
	for kind in musl-missing musl-ok glibc-missing; do
		mkdir "$fake/$kind.bin"
		cp "$fake/$kind" "$fake/$kind.bin/ldd"
		chmod +x "$fake/$kind.bin/ldd"
	done
	with_ldd() { # KIND FUNCTION ARGS...: a function of install-packages with that fake ldd first on PATH
		local kind=$1
		shift
		PATH="$fake/$kind.bin:$PATH" run_in "$sh" "$@"
	}
	capture with_ldd musl-missing ldd_check /usr/bin/pgbackrest
	assert_eq 1 "$RC" "exit code with musl's ldd and a missing library"
	assert_contains "$OUT" "Error loading shared library libssh2.so.1" "the refusal (musl's stderr shown)"
	assert_contains "$OUT" "/usr/bin/pgbackrest is missing libraries (ldd output above, exit status 127)" "the refusal"
	capture with_ldd glibc-missing ldd_check /usr/bin/pgbackrest
	assert_eq 1 "$RC" "exit code with glibc's ldd and a missing library"
	assert_contains "$OUT" "libselinux.so.1 => not found" "the refusal (glibc's stdout shown)"
	capture with_ldd musl-ok ldd_check /usr/bin/pgbackrest
	assert_eq 0 "$RC" "exit code with musl's ldd and every library there"
	assert_eq "" "$OUT" "output of a passing ldd_check"
	capture run_in "$sh" ldd_check /bin/ls
	assert_eq 0 "$RC" "exit code of ldd_check on this machine's /bin/ls (the real ldd)"
	rm -rf "$fake"

	step "[$sh] apk_has_extract: \`apk --version\` -> apk extract (apk-tools 3) or tar (2)"
	capture run_in "$sh" apk_has_extract "apk-tools 3.0.3, compiled for x86_64."
	assert_eq 0 "$RC" "apk extract with apk-tools 3.0.3"
	capture run_in "$sh" apk_has_extract "apk-tools 2.14.6, compiled for x86_64."
	assert_eq 1 "$RC" "apk extract with apk-tools 2.14.6"
	capture run_in "$sh" apk_has_extract ""
	assert_eq 1 "$RC" "apk extract with no version"
done

step "sourced for its functions, install-packages runs no step"
capture env INSTALL_PACKAGES_FUNCTIONS_ONLY=1 dash -c '. "$0"; echo sourced' "$script"
assert_eq 0 "$RC" "exit code"
assert_eq "sourced" "$OUT" "output"
