#!/usr/bin/env bash
# tty-backup (issue 22, part 2): a manual backup on a real terminal reads like a good CLI.
# Each command runs under script(1), which gives it a pseudo-terminal (docker exec -t then
# passes one on to pgctl), and its transcript is shown by tmux, a real terminal emulator,
# whose screen the test reads:
# - `pgctl backup full --label tty-demo`: the progress line was drawn (the transcript has it),
#   and the screen holds exactly pgctl's start line and its summary (label, annotation, size,
#   stored size, duration and throughput, the backup set retention expired): no pgBackRest
#   line, and no remnant of the progress line inside or beside another line
# - --verbose adds pgBackRest's lines; without a terminal (docker exec -T) every pgBackRest
#   line is logged with its time, as before, and the one-line "done"
# - `pgctl restore --to` on a terminal: no pgBackRest line, the drill's summary
# - colours end before every line break (pgctl status); NO_COLOR: no colour at all;
#   TERM=dumb: neither colour nor a redrawn line, the summary stays
# - the commands README and the help print that no other scenario runs, as written
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start
work=$(mktemp -d /tmp/pgctl-tty.XXXXXX)
sock="pgctl-tty-$$"
trap 'rc=$?; for s in backup verbose drill dumb; do tmux -L "$sock-$s" kill-server >/dev/null 2>&1 || true; done; rm -rf "$work"; scenario_cleanup "$rc"' EXIT

# on_tty NAME CMD...: runs CMD on a pseudo-terminal (script), transcript in $work/NAME; sets RC
on_tty() {
	local name=$1
	shift
	set +e
	# -E never: script's own end of input (/dev/null here) is not echoed into the session
	script -q -e -E never -c "$(printf '%q ' "$@")" "$work/$name" </dev/null >/dev/null
	RC=$?
	set -e
}

# screen NAME: the transcript as a 200x60 terminal shows it (a tmux server of its own, stopped
# after), trailing spaces and blank lines removed; fails when tmux does not show it
screen() {
	local s="$sock-$1" i shown
	tmux -L "$s" -f /dev/null new-session -d -x 200 -y 60 \
		"sed '1{/^Script started/d}; \$ {/^Script done/d}' '$work/$1'; printf '\\n@END@'; sleep 60" || fail "tmux did not start for $1"
	for i in $(seq 1 50); do
		tmux -L "$s" capture-pane -p 2>/dev/null | grep -q '^@END@' && break
		sleep 0.2
	done
	shown=$(tmux -L "$s" capture-pane -p -J) || fail "tmux: no screen for $1"
	tmux -L "$s" kill-server
	grep -q '^@END@' <<<"$shown" || fail "tmux did not show $1 within 10 s"
	printf '%s\n' "$shown" | sed -e 's/[[:space:]]*$//' | sed '/^@END@/,$d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

step "a database with some data, and its first full backup"
dc up -d
wait_for 120 "the first full backup is done" log_has db "first full backup done"
# about 250 MB that does not compress (random md5s): the full backup then takes well over the progress line's
# first redraw (2 s); repeated md5s compressed so well that a backup ended in 1.9 s, before any redraw
psql_in db "create table t(id int, v text); insert into t select g, (select string_agg(md5(x || ':' || g || random()), '') from generate_series(1, 12) x) from generate_series(1, 600000) g; checkpoint" >/dev/null
first=$(repo_backups db | awk '$2 == "full" { print $1 }' | tail -n 1)
echo "first full backup: $first"
db=$(dc ps -q db)

step "pgctl backup full --label tty-demo on a terminal: a progress line, then a summary"
on_tty backup docker exec -t "$db" pgctl backup full --label tty-demo
assert_eq 0 "$RC" "exit code"
new=$(repo_backups db | awk '$2 == "full" { print $1 }' | tail -n 1)
[ "$new" != "$first" ] || fail "no new full backup in the repository"
shown=$(screen backup)
printf '%s\n' "$shown"
grep -q $'\r'"full backup  \[" "$work/backup" || fail "the transcript has no progress line drawn in place"
ok "the progress line was drawn ($(grep -o $'\r'"full backup  \[" "$work/backup" | wc -l) times)"
mapfile -t lines <<<"$shown"
assert_eq 6 "${#lines[@]}" "lines on the screen (the start line and the summary, nothing else)"
assert_eq "starting a full backup labelled 'tty-demo'" "${lines[0]}" "line 1"
assert_eq "full backup done: $new" "${lines[1]}" "line 2 (the label the repository lists)"
assert_eq "  annotation  pgctl-label=tty-demo" "${lines[2]}" "line 3"
[[ ${lines[3]} =~ ^"  size        "[0-9.]+" MiB, stored "[0-9.]+" "[KM]"iB ("[0-9]+" %)"$ ]] || fail "line 4: ${lines[3]}"
[[ ${lines[4]} =~ ^"  took        "[0-9.]+" s, "[0-9.]+" "[KMG]"iB/s"$ ]] || fail "line 5: ${lines[4]}"
[[ ${lines[5]} =~ ^"  expired     backup set $first; WAL "[0-9A-F]{24}" to "[0-9A-F]{24}$ ]] \
	|| fail "line 6 (retention 1: the first full backup and its WAL expired): ${lines[5]}"
ok "the screen holds the summary only"
assert_not_contains "$(cat "$work/backup")" "P00" "the transcript (pgBackRest's lines)"

step "--verbose adds pgBackRest's lines; the summary stays"
on_tty verbose docker exec -t "$db" pgctl backup incr --verbose
assert_eq 0 "$RC" "exit code"
shown=$(screen verbose)
grep -qE '^pgbackrest: ([0-9: .-]+ )?P00   INFO: backup command begin' <<<"$shown" || fail "no pgBackRest line on the screen with --verbose"
ok "pgBackRest's lines on the screen"
assert_contains "$shown" "incr backup done: " "the screen"
assert_contains "$shown" "  expired     nothing" "the screen"

step "without a terminal every pgBackRest line is logged, with its time, as before"
must dc exec -T db pgctl backup incr
for line in "backup command begin" "new backup label = " "backup command end: completed successfully" "expire command end"; do
	grep -qE "^[0-9TZ:-]+ pgctl\[backup\] pgbackrest: ([0-9: .-]+ )?P00   INFO: $line" <<<"$OUT" || fail "no logged pgBackRest line '$line' in: $OUT"
	ok "logged: ... pgbackrest: ... $line"
done
assert_contains "$OUT" "incr backup done in " "docker exec -T"
assert_not_contains "$OUT" "  expired" "docker exec -T (no summary)"
assert_not_contains "$OUT" $'\r' "docker exec -T (no redrawn line)"

step "a restore drill on a terminal: no pgBackRest line, the drill's summary"
on_tty drill docker exec -t "$db" pgctl restore --to /tmp/drill
assert_eq 0 "$RC" "exit code"
shown=$(screen drill)
printf '%s\n' "$shown"
assert_contains "$shown" "drill passed: " "the screen"
assert_contains "$shown" "  backup          $new" "the screen"
assert_not_contains "$shown" "P00" "the screen (pgBackRest's lines)"

step "colours end before every line break; NO_COLOR and TERM=dumb"
on_tty status docker exec -t "$db" pgctl status
assert_eq 0 "$RC" "exit code of pgctl status"
grep -q $'\e\\[' "$work/status" || fail "pgctl status on a terminal has no colour at all"
python3 - "$work/status" <<'PY' || fail "a colour spans a line break in pgctl status"
import re, sys
for line in open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n"):
    codes = re.findall(r"\x1b\[([0-9;]*)m", line)
    if codes and codes[-1] not in ("", "0"):
        print("left on:", repr(line)); sys.exit(1)
PY
ok "every line of pgctl status ends with its colours reset"
on_tty nocolor docker exec -t -e NO_COLOR=1 "$db" pgctl status
assert_eq 0 "$RC" "exit code of NO_COLOR=1 pgctl status"
! grep -q $'\e\\[' "$work/nocolor" || fail "NO_COLOR: an escape sequence in pgctl status"
ok "NO_COLOR=1: no escape sequence"
on_tty dumb docker exec -t -e TERM=dumb "$db" pgctl backup incr
assert_eq 0 "$RC" "exit code of TERM=dumb pgctl backup incr"
! grep -q $'\e' "$work/dumb" || fail "TERM=dumb: an escape sequence"
shown=$(screen dumb)
assert_contains "$shown" "incr backup done: " "TERM=dumb (the summary)"
ok "TERM=dumb: no escape sequence, the summary"

step "commands README and the help print, run as written (those no other scenario runs)"
# README printed `docker exec <c> pgbackrest info`, which pgBackRest 2.60 refuses as root ([031]); it now says -u postgres
must dc exec -T -u postgres db pgbackrest info
assert_contains "$OUT" "stanza: main" "docker exec -u postgres <c> pgbackrest info (README: with pgctl's configuration)"
assert_contains "$OUT" "status: ok" "docker exec <c> pgbackrest info"
must dc exec -T db pgctl --version
assert_contains "$OUT" "pgctl " "pgctl --version"
must dc exec -T db pgctl ssl status
must dc exec -T db pgctl backups --last 5
assert_contains "$OUT" "$new" "pgctl backups --last 5 (the tty-demo full backup)"
must dc exec -T db pgctl health
must dc exec -T db pgctl completion bash
assert_contains "$OUT" "complete " "pgctl completion bash"
