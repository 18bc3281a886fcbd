#!/usr/bin/env bash
# drop-in: a shell initdb.d script, run against the temporary server of the first init
set -euo pipefail
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
	-c "insert into initdb_runs(script) values ('sh')"
