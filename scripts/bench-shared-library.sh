#!/usr/bin/env bash
# Decision submit latency on a shared (PostgreSQL) library against pgbench on the same server, in
# the same script (called by `make bench`). A private PostgreSQL 15 server as the tests start one
# (Tests/ArchiveTestSupport/PostgresServer.swift: a temp folder, 127.0.0.1 only, a free port,
# SCRAM over TCP, the superuser over the socket for setup), but with fsync, synchronous_commit and
# full_page_writes ON: this measures a real server. Then:
#   1. 16 readers submit at once, each its own process and login role (row-level security, the
#      hash chain's head locked per append): `mammoterm audit append-test --count 200
#      --latency-file F` times each `appendReads` call (BEGIN, lock and read the chain head,
#      INSERT through the chain trigger, COMMIT) -> p50 and p99 of the 3,200 submits;
#   2. pgbench, 16 clients (-c 16 -j 2 -t 200), one INSERT per transaction of a row of the same
#      size into a plain copy of read_record (LIKE ... INCLUDING ALL: the same columns, checks and
#      indexes; no triggers, chain or row-level security) -> p50 and p99 from its --log;
#   3. pgbench again with mammoterm's locking (BEGIN, a one-row table locked FOR UPDATE, the INSERT,
#      that row updated, COMMIT): what a chain head held until the commit costs a C client;
#   4. mammoterm and plain pgbench with one reader / one client (no queueing: one submit's cost);
#   5. `mammoterm audit verify` as the administrator: the chain must hold 3,200 + 200 rows, OK.
# Prints p50/p99 of each and the ratio of the p99s (goal: mammoterm's within 3x pgbench's).
# Passwords go into a 0600 PGPASSFILE and to stdin, never onto a command line. Writes only to a
# temporary folder (removed on exit with the server); copy the figures into BENCHMARKS.md.
# MAMMOTERM=PATH uses another build (no build step); READERS=N and DECISIONS=N change the load.
set -euo pipefail
cd "$(dirname "$0")/.."
python=python3
[[ -x .venv/bin/python3 ]] && python=.venv/bin/python3   # only the standard library is used
pgbin=/usr/lib/postgresql/15/bin
for tool in initdb postgres psql pgbench; do
  [[ -x $pgbin/$tool ]] || { echo "bench-shared-library: $pgbin/$tool missing (scripts/install-system-packages.sh installs postgresql-15)" >&2; exit 2; }
done
if [[ -z ${MAMMOTERM:-} ]]; then
  swift build -c release --product mammoterm >/dev/null
  MAMMOTERM=.build/release/mammoterm
fi
bin=$(realpath "$MAMMOTERM")
readers=${READERS:-16}
decisions=${DECISIONS:-200}
goal=3

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill -INT "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# The server refuses to run as root: then it (and initdb) run as `postgres`, as in the tests.
as_server=()
if [[ $(id -u) -eq 0 ]]; then
  as_server=(/usr/bin/setpriv --reuid=postgres --regid=postgres --init-groups)
  chown postgres:postgres "$work"
fi
data=$work/data
"${as_server[@]}" "$pgbin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
  --locale=C --encoding=UTF8 --no-sync >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_server[@]}" "$pgbin/postgres" -D "$data" -p "$port" -k "$work" -c listen_addresses=127.0.0.1 \
  -c fsync=on -c synchronous_commit=on -c full_page_writes=on -c max_connections=80 -c shared_buffers=128MB \
  >"$work/server.log" 2>&1 &
server_pid=$!
su_psql() { "$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U postgres "$@"; }
for _ in $(seq 200); do su_psql -c 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
su_psql -c 'SELECT 1' >/dev/null || { echo "PostgreSQL did not start; its log:" >&2; tail -20 "$work/server.log" >&2; exit 1; }

# The administrator (CREATEROLE, owns the database) and the readers, passwords in one 0600 file.
export PGPASSFILE=$work/pgpass
install -m 600 /dev/null "$PGPASSFILE"
newpassword() { "$python" -c 'import secrets; print(secrets.token_urlsafe(18))'; }
db=mammoterm_bench
admin=bench_admin
pw=$(newpassword)
printf '127.0.0.1:%s:*:%s:%s\n' "$port" "$admin" "$pw" >>"$PGPASSFILE"
su_psql <<<"CREATE ROLE $admin LOGIN CREATEROLE PASSWORD '$pw'; CREATE DATABASE $db OWNER $admin;"
admin_url=postgres://$admin@127.0.0.1:$port/$db
reader_url() { echo "postgres://reader$1@127.0.0.1:$port/$db"; }
"$bin" library readers --library "$admin_url" >/dev/null   # creates the schema
for i in $(seq "$readers"); do
  pw=$(newpassword)
  printf '127.0.0.1:%s:*:reader%s:%s\n' "$port" "$i" "$pw" >>"$PGPASSFILE"
  printf '%s\n' "$pw" | "$bin" library add-reader "reader$i" --library "$admin_url" >/dev/null
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%F %H:%M') UTC"
echo "server: $("$pgbin/postgres" --version), fsync=$(su_psql -d "$db" -c 'SHOW fsync'), synchronous_commit=$(su_psql -d "$db" -c 'SHOW synchronous_commit'), wal_sync_method=$(su_psql -d "$db" -c 'SHOW wal_sync_method'), data in $(df -P "$work" | awk 'NR == 2 {print $1}')"

# append N FIRST COUNT TAG: readers FIRST..FIRST+N-1 submit COUNT decisions each, all at once.
append() {
  local n=$1 first=$2 count=$3 tag=$4 i pids=() failed=0 start end
  start=$(date +%s.%N)
  for ((i = first; i < first + n; i++)); do
    "$bin" audit append-test --library "$(reader_url "$i")" --reader "reader$i" --study "2.25.17.$i" \
      --count "$count" --latency-file "$work/$tag-$i.latency" >"$work/$tag-$i.out" 2>"$work/$tag-$i.err" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || failed=1; done
  end=$(date +%s.%N)
  if ((failed)); then echo "an append-test process failed:" >&2; cat "$work"/"$tag"-*.err >&2; exit 1; fi
  local got
  got=$(cat "$work"/"$tag"-*.latency | wc -l)
  ((got == n * count)) || { echo "$tag: $got latencies, not $((n * count))" >&2; exit 1; }
  cat "$work"/"$tag"-*.latency >"$work/$tag.all"
  echo "$end - $start" | bc -l >"$work/$tag.wall"
}
# pgbench_run CLIENTS TAG [SCRIPT]: SCRIPT (default: one INSERT) per transaction, DECISIONS per
# client, latencies in seconds.
pgbench_run() {
  local clients=$1 tag=$2 script=${3:-$work/insert.sql} jobs=$(( $1 < 2 ? 1 : 2 ))
  mkdir -p "$work/$tag"
  (cd "$work/$tag" && "$pgbin/pgbench" -n -M extended -c "$clients" -j "$jobs" -t "$decisions" -f "$script" \
    --log --log-prefix=log -h 127.0.0.1 -p "$port" -U "$admin" "$db" >"$work/$tag.txt" 2>&1) \
    || { cat "$work/$tag.txt" >&2; exit 1; }
  awk '{ printf "%.9f\n", $3 / 1e6 }' "$work/$tag"/log.* >"$work/$tag.all"   # field 3: latency in µs
  sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/$tag.txt" >"$work/$tag.tps"
}

# 1 + 4a. mammoterm: every reader at once, then one reader alone (reader 1 again, a new session).
append "$readers" 1 "$decisions" many
append 1 1 "$decisions" one

# 2-4. pgbench on a plain copy of read_record, the row one of those just written.
adm_psql() { "$pgbin/psql" -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$admin" -d "$db" "$@"; }
adm_psql -c "CREATE TABLE bench_plain (LIKE read_record INCLUDING ALL); CREATE SEQUENCE bench_plain_id OWNED BY bench_plain.id;
             ALTER TABLE bench_plain ALTER id SET DEFAULT nextval('bench_plain_id')"
columns='reader, session, studyInstanceUID, "protocol", stage, aiVisibility, aiScore, aiModel, safetyNetAlert, openedAt, submittedAt, readingSeconds, decision, revises, previousHash, hash'
values=$(adm_psql -c "SELECT concat_ws(', ', quote_nullable(reader), quote_nullable(session), quote_nullable(studyInstanceUID),
  quote_nullable(\"protocol\"), quote_nullable(stage), quote_nullable(aiVisibility), quote_nullable(aiScore), quote_nullable(aiModel),
  quote_nullable(safetyNetAlert), quote_nullable(openedAt), quote_nullable(submittedAt), quote_nullable(readingSeconds),
  quote_nullable(decision), quote_nullable(revises), quote_nullable(previousHash), quote_nullable(hash))
  FROM read_record WHERE id = 100")
# pgbench reads ":name" as a variable: every colon (all inside the text literals: times, JSON) as chr(58).
echo "INSERT INTO bench_plain ($columns) VALUES ($(sed "s/:/'||chr(58)||'/g" <<<"$values"));" >"$work/insert.sql"
adm_psql -c "CREATE TABLE bench_head (single BOOLEAN PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO bench_head VALUES (TRUE, 0)"
{ echo "BEGIN;"; echo "SELECT n FROM bench_head FOR UPDATE;"; cat "$work/insert.sql"; echo "UPDATE bench_head SET n = n + 1;"; echo "COMMIT;"; } >"$work/locked.sql"
pgbench_run "$readers" pgmany
pgbench_run "$readers" pglocked "$work/locked.sql"
pgbench_run 1 pgone
plain_rows=$(adm_psql -c 'SELECT COUNT(*) FROM bench_plain')
((plain_rows == (2 * readers + 1) * decisions)) || { echo "pgbench wrote $plain_rows rows, not $(((2 * readers + 1) * decisions))" >&2; exit 1; }
row_bytes=$(adm_psql -c "SELECT (SELECT pg_column_size(r.*) FROM read_record r WHERE id = 100) || ' ' || (SELECT pg_column_size(b.*) FROM bench_plain b LIMIT 1)")

# 5. The chain held under load.
expected=$(((readers + 1) * decisions))
# `audit verify` on the server itself: every row, the chain, and the server's chain head.
verified_on="on the server"
verify=$("$bin" audit verify --library "$admin_url") || { echo "audit verify failed:" >&2; echo "$verify" >&2; exit 1; }
grep -q "^$expected rows checked: OK" <<<"$verify" || { echo "audit verify: expected '$expected rows checked: OK', got:" >&2; echo "$verify" >&2; exit 1; }

"$python" - "$work" "$readers" "$decisions" "$goal" "$row_bytes" "$(head -1 <<<"$verify"), $verified_on" <<'PY'
import math, sys
work, readers, decisions, goal = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
row_ours, row_plain = sys.argv[5].split()
def load(tag): return sorted(float(x) for x in open(f"{work}/{tag}.all"))
def pct(v, p): return v[max(0, math.ceil(p / 100 * len(v)) - 1)]   # nearest rank
def stats(v): return pct(v, 50), pct(v, 99), v[-1]
def ms(x): return f"{x * 1e3:7.2f} ms"
many, one, pgmany, pglocked, pgone = load("many"), load("one"), load("pgmany"), load("pglocked"), load("pgone")
wall = float(open(f"{work}/many.wall").read())
tps = float(open(f"{work}/pgmany.tps").read() or 0)
print(f"row: {row_ours} bytes in read_record, {row_plain} in the plain copy (pg_column_size)")
print(f"{readers} readers at once, {decisions} decisions each ({len(many)} submits):")
m50, m99, mmax = stats(many); p50, p99, pmax = stats(pgmany)
print(f"  mammoterm audit append-test (appendReads)  p50 {ms(m50)}  p99 {ms(m99)}  max {ms(mmax)}  "
      f"{len(many) / wall:6.0f} submits/s ({wall:.2f} s wall, process starts included)")
print(f"  pgbench -c {readers} -j 2, one INSERT each   p50 {ms(p50)}  p99 {ms(p99)}  max {ms(pmax)}  {tps:6.0f} tps")
ratio = m99 / p99
print(f"  -> p99 ratio {ratio:.2f}x pgbench's ({'meets' if ratio <= goal else 'MISSES'} <= {goal:g}x); p50 ratio {m50 / p50:.2f}x")
l50, l99, lmax = stats(pglocked)
print(f"  pgbench, mammoterm's locking (one row FOR UPDATE until COMMIT)  p50 {ms(l50)}  p99 {ms(l99)}  max {ms(lmax)}")
print(f"  -> mammoterm's p99 {m99 / l99:.2f}x that of pgbench with the same lock")
o50, o99, omax = stats(one); q50, q99, qmax = stats(pgone)
print(f"one reader alone, {decisions} decisions (no queueing):")
print(f"  mammoterm                                  p50 {ms(o50)}  p99 {ms(o99)}  max {ms(omax)}")
print(f"  pgbench -c 1                               p50 {ms(q50)}  p99 {ms(q99)}  max {ms(qmax)}")
print(f"  -> p50 ratio {o50 / q50:.2f}x")
print(f"audit verify as the administrator afterwards: {sys.argv[6]}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
