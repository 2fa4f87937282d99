#!/usr/bin/env bash
# Fault suite: the incident service under kill -9, database restarts and outages, two nodes racing
# identical creates, and fuzzed bodies, on a PostgreSQL cluster this script creates itself (never the
# shared one on 5432). The client (chaos/chaos.py, Python 3 standard library) journals every
# request, checks every answer and prints the figures and 'N passed, N failed'.
#
# Exit status: 0 every check passed; 1 a check failed (an incident lost, a duplicate, a 5xx to bad
# input, a non-JSON answer, a projection behind, a dead letter, a recovery over the threshold);
# 3 set-up failure (message on stderr). Settings: chaos/README.md, --help.
set -euo pipefail

CHAOS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$CHAOS_DIR/.." && pwd)
JAR="$ROOT/app/target/incident-service.jar"

CHAOS_PG_BIN=${CHAOS_PG_BIN:-}
CHAOS_PG_PORT=${CHAOS_PG_PORT:-55432}
CHAOS_JAVA_OPTS=${CHAOS_JAVA_OPTS:-}

BUILD=false
PASS_ON=()

usage() {
    cat <<EOF
Usage: chaos/run.sh [--build] [--short] [--only SCENARIOS] [--seed N]

  --build          rebuild app/target/incident-service.jar (./mvnw -B -q -DskipTests package) even if it exists
  --short          the CI version: one kill -9, one database restart at 64 in flight, one two-node
                   race, a few hundred fuzzed bodies (about 3 minutes on 2 cores)
  --only LIST      comma-separated subset of: kill,race,db,fuzz (in that order)
  --seed N         seed of the fuzzer and of the load's choices (default: random, printed)

Environment (defaults in brackets):
  CHAOS_PG_PORT [55432]         port of the PostgreSQL cluster the script creates (127.0.0.1 only)
  CHAOS_PG_BIN [/usr/lib/postgresql/<newest>/bin]  where initdb, pg_ctl and postgres are
  CHAOS_JAVA_OPTS []            extra JVM options for the service nodes
  CHAOS_FUZZ_BODIES, CHAOS_KILLS, CHAOS_DB_LEVELS, CHAOS_DB_FAULTS, CHAOS_OUTAGE_SECONDS, CHAOS_RACE_KEYS,
  CHAOS_RECOVERY_THRESHOLD       override the mode's figures (see chaos/README.md)
The client journal, the service logs and PostgreSQL's log go to chaos/out/<timestamp>/.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) BUILD=true ;;
        --short) PASS_ON+=(--short) ;;
        --only) [[ $# -ge 2 ]] || { usage >&2; exit 3; }; PASS_ON+=(--only "$2"); shift ;;
        --seed) [[ $# -ge 2 ]] || { usage >&2; exit 3; }; PASS_ON+=(--seed "$2"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 3 ;;
    esac
    shift
done

log() { printf '[chaos %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\n[chaos] ERROR: %s\n\n' "$*" >&2; exit 3; }   # 3: set-up failure, see README

# --------------------------------------------------------------------------------------- tools

command -v python3 >/dev/null 2>&1 || die "python3 is missing: the chaos client needs Python 3 (apt-get install -y python3)."
python3 -c 'import sys; sys.exit(sys.version_info < (3, 8))' || die "python3 is older than 3.8: $(python3 --version 2>&1)."
command -v java >/dev/null 2>&1 || die "java is missing: the service needs Java 17 (apt-get install -y openjdk-17-jre-headless)."
command -v curl >/dev/null 2>&1 || die "curl is missing (apt-get install -y curl)."

if [[ -z "$CHAOS_PG_BIN" ]]; then
    CHAOS_PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
for tool in initdb pg_ctl postgres pg_isready psql; do
    [[ -x "$CHAOS_PG_BIN/$tool" ]] || die "PostgreSQL's '$tool' is not in '${CHAOS_PG_BIN:-/usr/lib/postgresql/*/bin}':
       install the PostgreSQL server (Debian: apt-get install -y postgresql) or set CHAOS_PG_BIN."
done

# The cluster's processes must not run as root: as root, run them as the 'postgres' user.
if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root, and there is no 'postgres' user to run the test cluster as."
    command -v runuser >/dev/null 2>&1 || die "running as root, and 'runuser' (util-linux) is missing."
    PG_USER=postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    PG_USER=$(id -un)
    as_pg() { "$@"; }
fi

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ------------------------------------------------------------------------------------- set-up

OUT="$CHAOS_DIR/out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

PG_DIR=""
CLIENT_PID=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$CLIENT_PID" ]] && kill -0 "$CLIENT_PID" 2>/dev/null; then
        kill -TERM "$CLIENT_PID" 2>/dev/null || true   # the client stops its service nodes itself
        for _ in $(seq 1 40); do kill -0 "$CLIENT_PID" 2>/dev/null || break; sleep 0.5; done
        kill -KILL "$CLIENT_PID" 2>/dev/null || true
    fi
    # Service nodes the client could not stop (it was killed): their pids are in nodes.pids.
    if [[ -f "$OUT/nodes.pids" ]]; then
        local pid
        while read -r pid; do
            [[ "$pid" =~ ^[0-9]+$ ]] || continue
            if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-jar $JAR"; then
                log "stopping service node pid $pid"
                kill -KILL "$pid" 2>/dev/null || true
            fi
        done <"$OUT/nodes.pids"
    fi
    if [[ -n "$PG_DIR" && -d "$PG_DIR/data" ]]; then
        as_pg "$CHAOS_PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        cp "$PG_DIR/postgresql.log" "$OUT/postgresql.log" 2>/dev/null || true
        rm -rf "$PG_DIR"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ "$BUILD" == true || ! -f "$JAR" ]]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >"$OUT/build.log" 2>&1 \
        || { tail -n 40 "$OUT/build.log" >&2; die "the build failed; see $OUT/build.log."; }
fi
[[ -f "$JAR" ]] || die "$JAR is missing after the build."

port_in_use "$CHAOS_PG_PORT" && die "port $CHAOS_PG_PORT is in use; set CHAOS_PG_PORT to a free port (never the shared 5432)."
[[ "$CHAOS_PG_PORT" != 5432 ]] || die "CHAOS_PG_PORT must not be 5432: the suite stops and restarts its database."

PG_DIR=$(mktemp -d /tmp/incidents-chaos-pg.XXXXXX)
chmod 755 "$PG_DIR"
[[ "$PG_USER" == "$(id -un)" ]] || chown "$PG_USER" "$PG_DIR"
log "creating a PostgreSQL cluster in $PG_DIR (port $CHAOS_PG_PORT, user $PG_USER)"
as_pg "$CHAOS_PG_BIN/initdb" -D "$PG_DIR/data" --username=postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$OUT/initdb.log" 2>&1 || { tail -n 20 "$OUT/initdb.log" >&2; die "initdb failed; see $OUT/initdb.log."; }
cat >>"$PG_DIR/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
max_connections = 200
fsync = on
EOF

pg_ctl_as_pg() { as_pg "$CHAOS_PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgresql.log" -o "-p $CHAOS_PG_PORT -k $PG_DIR" -w -t 60 "$@"; }
pg_ctl_as_pg start >/dev/null || { tail -n 20 "$PG_DIR/postgresql.log" >&2; die "the test cluster did not start."; }
"$CHAOS_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$CHAOS_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE incidents_chaos" || die "could not create the database incidents_chaos."

# ------------------------------------------------------------------------------------- client

log "output in ${OUT#"$ROOT"/}"
# The client runs pg_ctl through this command line (as the cluster's owner) for restarts and outages.
if [[ "$PG_USER" == "$(id -un)" ]]; then PG_CTL_PREFIX=""; else PG_CTL_PREFIX="runuser -u $PG_USER --"; fi
CHAOS_PG_CTL="$PG_CTL_PREFIX $CHAOS_PG_BIN/pg_ctl" \
CHAOS_PG_DATA="$PG_DIR/data" CHAOS_PG_LOG="$PG_DIR/postgresql.log" CHAOS_PG_SOCKET_DIR="$PG_DIR" \
CHAOS_PG_PORT="$CHAOS_PG_PORT" CHAOS_PSQL="$CHAOS_PG_BIN/psql" CHAOS_JAR="$JAR" CHAOS_OUT="$OUT" \
CHAOS_JAVA_OPTS="$CHAOS_JAVA_OPTS" \
    python3 "$CHAOS_DIR/chaos.py" "${PASS_ON[@]}" &
CLIENT_PID=$!
set +e
wait "$CLIENT_PID"
status=$?
set -e
CLIENT_PID=""
exit "$status"
