#!/usr/bin/env bash
# repo2-posix (issue 19, scenario b): repo1 on S3 keeping one full backup, repo2 on a mounted volume (posix)
# keeping two. A cluster with repo1 only gains repo2: at the next start its stanza and a first full backup go
# there (repo1 already has one); then each repository expires on its own retention: full
# backups to repo1 leave repo2's alone and keep one in repo1, full backups to repo2 (pgctl backup full --repo 2)
# leave repo1's alone and keep two in repo2.
. "$(dirname "$0")/../lib/scenario.sh"
scenario_start

# fulls REPO: the labels of repository REPO's full backups, oldest first, on one line (fails when backups does)
fulls() {
	local json
	json=$(dc exec -T db pgctl backups --json) || return
	python3 -c 'import json,sys; r=[x for x in json.load(sys.stdin)["repos"] if x["repo"]==int(sys.argv[1])][0]; print(" ".join(b["label"] for b in r["report"]["backups"] if b["type"]=="full"))' "$1" <<<"$json"
}
# backup_full [ARGS]: pgctl backup full, and the label of the backup it took
backup_full() {
	must dc exec -T db pgctl backup full "$@"
	sed -n 's/.*new backup label = \([0-9F_DI-]*\).*/\1/p' <<<"$OUT" | tail -n 1
}

step "a cluster with repo1 only (S3, retention 1) and a row"
dc --profile before-repo2 up -d db1
wait_for 120 "PostgreSQL accepts connections" pg_ready db1
wait_for 180 "the first full backup is done" log_has db1 "first full backup done"
psql_in db1 "create table before_repo2(id int); insert into before_repo2 select generate_series(1,50)" >/dev/null
wait_archived db1
dc --profile before-repo2 stop db1 >/dev/null
dc --profile before-repo2 rm -f db1 >/dev/null

step "the same cluster gains repo2 on a volume (retention 2): its stanza and first full backup there at the start"
dc up -d db
wait_for 120 "PostgreSQL accepts connections" pg_ready db
wait_for 180 "the first full backup to repo2 is done" log_has db "first full backup to repo2 done"
assert_eq 50 "$(psql_in db "select count(*) from before_repo2")" "rows of the cluster"
logs=$(dc logs --no-color db 2>&1)
assert_not_contains "$logs" "first full backup to repo1" "the start's log (repo1 already held a backup)"
owner=$(dc exec -T db stat -c %U /var/lib/pgbackrest-repo2)
assert_eq postgres "$owner" "owner of the repo2 volume's directory (made postgres' at start)"
r1=$(fulls 1)
r2=$(fulls 2)
assert_eq 1 "$(wc -w <<<"$r1")" "full backups in repo1 once repo2 was added"
assert_eq 1 "$(wc -w <<<"$r2")" "full backups in repo2 once it was added"
capture dc exec -T db pgctl check
printf '%s\n' "$OUT"
assert_eq 0 "$RC" "exit code of pgctl check"
assert_contains "$OUT" "ok      repository repo2     posix:/var/lib/pgbackrest-repo2 readable" "pgctl check"

step "full backups to repo1 expire repo1's older one and leave repo2 alone"
b1=$(backup_full)
[ -n "$b1" ] || fail "no label in the backup's output"
assert_eq "$b1" "$(fulls 1)" "repo1's full backups (retention 1: only the new one)"
assert_eq "$r2" "$(fulls 2)" "repo2's full backups (untouched)"

step "full backups to repo2 keep two there and leave repo1 alone"
c2=$(backup_full --repo 2)
assert_eq "$r2 $c2" "$(fulls 2)" "repo2's full backups after one more (retention 2: both kept)"
d2=$(backup_full --repo 2)
assert_eq "$c2 $d2" "$(fulls 2)" "repo2's full backups after two more (the oldest expired)"
assert_eq "$b1" "$(fulls 1)" "repo1's full backups (untouched by repo2's)"
status=$(dc exec -T db pgctl status 2>&1)
assert_contains "$status" "  repo2          posix:/var/lib/pgbackrest-repo2: reachable, 2 backup(s)" "pgctl status"
assert_contains "$status" "schedule repo2 full 15 3 * * 0" "pgctl status (repo2's own schedule)"
