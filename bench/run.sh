#!/usr/bin/env bash
# Create-throughput benchmark: the incident service on PostgreSQL against a pgbench baseline.
#
#   (a) pgbench runs bench/pgbench-create.sql: per transaction one event row shaped like Axon's
#       domain_event_entry plus one incident_view row, in a scratch database of its own;
#   (b) wrk runs bench/create-incident.lua: POST /api/v1/incidents with unique external ids, on
#       the service started by this script on a fresh database, with a high-rate-limit token.
#
# Both run at the same concurrency for the same time; the script prints creates/s, p50/p99 and the
# ratio creates/s / pgbench tps. Exit status: 0 target met; 1 a ratio below the target (or a level
# skipped); 2 a create answered non-2xx; 3 set-up failure. Settings: bench/README.md, --help.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
JAR="$ROOT/app/target/incident-service.jar"

BENCH_SECONDS=${BENCH_SECONDS:-20}
BENCH_WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-20}
BENCH_WARMUP_TOLERANCE=${BENCH_WARMUP_TOLERANCE:-5}
BENCH_WARMUP_MAX_ROUNDS=${BENCH_WARMUP_MAX_ROUNDS:-12}
BENCH_PGBENCH_WARMUP_SECONDS=${BENCH_PGBENCH_WARMUP_SECONDS:-5}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-64}   # one level, or several: "16 32 64"
BENCH_TARGET_RATIO=${BENCH_TARGET_RATIO:-0.15}
BENCH_PGBENCH_MODE=${BENCH_PGBENCH_MODE:-prepared}   # the JDBC driver uses server-side prepared statements too
BENCH_WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-10s}
BENCH_DB=${BENCH_DB:-incidents_bench}
BENCH_SCRATCH_DB=${BENCH_SCRATCH_DB:-incidents_bench_scratch}
BENCH_PORT=${BENCH_PORT:-}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-}
BENCH_TOKENS=${BENCH_TOKENS:-1}   # >1 spreads the creates over that many tokens (one rate-limit bucket each)
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
export PGHOST PGPORT PGUSER

BUILD=false

usage() {
    cat <<EOF
Usage: bench/run.sh [--build]

  --build   rebuild app/target/incident-service.jar (./mvnw -B -q -DskipTests package) even if it exists

Environment (defaults in brackets):
  BENCH_SECONDS [20]               length of each measured run (pgbench and wrk)
  BENCH_WARMUP_SECONDS [20]        length of one wrk warm-up round (the JVM starts afresh per level)
  BENCH_WARMUP_TOLERANCE [5]       warm-up ends when two rounds in a row differ by less than this many percent
  BENCH_WARMUP_MAX_ROUNDS [12]     ... or after this many rounds (a warning says so)
  BENCH_PGBENCH_WARMUP_SECONDS [5] pgbench warm-up
  BENCH_CONNECTIONS [64]           concurrency: wrk -c and pgbench -c; a list ("16 32 64") runs each level
  BENCH_THREADS [2]                wrk -t and pgbench -j
  BENCH_TARGET_RATIO [0.15]        minimum creates/s divided by pgbench tps
  BENCH_PGBENCH_MODE [prepared]    pgbench -M (simple | extended | prepared)
  BENCH_WRK_TIMEOUT [10s]          wrk --timeout
  BENCH_DB [incidents_bench]       service database (dropped and recreated)
  BENCH_SCRATCH_DB [incidents_bench_scratch]  pgbench database (dropped and recreated)
  BENCH_PORT [a free one in 28000-28999]  service port
  BENCH_JAVA_OPTS []               extra JVM options for the service
  BENCH_TOKENS [1]                 API tokens the creates are spread over, round robin (experiment)
  PGHOST [127.0.0.1] PGPORT [5432] PGUSER [postgres]   PostgreSQL, trust authentication
  Service settings such as INCIDENTS_DB_POOL_SIZE are passed through to the service.
Raw output goes to bench/results/<timestamp>/.
EOF
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) BUILD=true ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; usage >&2; exit 3 ;;
    esac
    shift
done

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '\n[bench] ERROR: %s\n\n' "$*" >&2; exit 3; }   # 3: set-up failure, see README

# --------------------------------------------------------------------------------------- tools

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else return 1
    fi
}

apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    log "installing Debian package(s): $*"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" >/dev/null \
        || { as_root apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" >/dev/null; }
}

require_tool() {   # require_tool <command> <debian package>
    command -v "$1" >/dev/null 2>&1 && return 0
    apt_install "$2" || true
    command -v "$1" >/dev/null 2>&1 \
        || die "'$1' is missing and could not be installed; install the Debian package '$2' (apt-get install -y $2)."
}

check_tools() {
    require_tool wrk wrk
    require_tool pgbench postgresql-client
    require_tool psql postgresql-client
    require_tool pg_isready postgresql-client
    require_tool curl curl
    require_tool java openjdk-17-jre-headless
    require_tool awk gawk
}

# ---------------------------------------------------------------------------------- PostgreSQL

ensure_postgres() {
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
    log "PostgreSQL at $PGHOST:$PGPORT is not answering; trying to start the local cluster"
    if command -v pg_lsclusters >/dev/null 2>&1 && command -v pg_ctlcluster >/dev/null 2>&1; then
        local version
        version=$(pg_lsclusters -h | awk 'NR == 1 { print $1 }')
        if [[ -n "$version" ]]; then
            as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
        fi
    fi
    for _ in $(seq 1 30); do
        pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
        sleep 1
    done
    die "PostgreSQL is not running at $PGHOST:$PGPORT and could not be started
       (try: pg_ctlcluster --skip-systemctl-redirect \$(pg_lsclusters -h | cut -d' ' -f1) main start)."
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

recreate_database() {
    psql_admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" -c "CREATE DATABASE \"$1\"" \
        || die "could not recreate database '$1' as user '$PGUSER' at $PGHOST:$PGPORT (trust authentication expected)."
}

# ------------------------------------------------------------------------------------- service

SERVICE_PID=""
SERVICE_LOG=/dev/null
ADMIN_PASSWORD="bench-$RANDOM$RANDOM$RANDOM"

stop_service() {
    [[ -n "$SERVICE_PID" ]] || return 0
    if kill -0 "$SERVICE_PID" 2>/dev/null; then
        log "stopping the service (pid $SERVICE_PID)"
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 1 60); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$SERVICE_PID" 2>/dev/null; then
            log "the service did not stop within 30 s; killing it"
            kill -KILL "$SERVICE_PID" 2>/dev/null || true
        fi
    fi
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
}
trap stop_service EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    if [[ -n "$BENCH_PORT" ]]; then
        port_in_use "$BENCH_PORT" && die "BENCH_PORT=$BENCH_PORT is already in use."
        echo "$BENCH_PORT"
        return
    fi
    # A random start in 28000-28999, so that parallel runs (or other services on this host) rarely collide.
    local port start=$((28000 + RANDOM % 1000))
    for port in $(seq "$start" 28999) $(seq 28000 "$start"); do
        port_in_use "$port" || { echo "$port"; return; }
    done
    die "no free port between 28000 and 28999; set BENCH_PORT."
}

start_service() {   # start_service <port> <log file>
    local port=$1
    SERVICE_LOG=$2
    log "starting the service on port $port against database '$BENCH_DB' (log: ${SERVICE_LOG#"$ROOT"/})"
    # shellcheck disable=SC2086
    SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" \
    SPRING_DATASOURCE_USERNAME="$PGUSER" \
    SPRING_DATASOURCE_PASSWORD="${PGPASSWORD:-}" \
    SERVER_PORT="$port" \
    INCIDENTS_PUBLIC_URL="http://127.0.0.1:$port" \
    INCIDENTS_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        java $BENCH_JAVA_OPTS -jar "$JAR" >"$SERVICE_LOG" 2>&1 &
    SERVICE_PID=$!
    local deadline=$((SECONDS + 120))
    until curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -n 40 "$SERVICE_LOG" >&2 || true
            SERVICE_PID=""
            die "the service exited during start-up; see $SERVICE_LOG (last lines above)."
        fi
        if ((SECONDS > deadline)); then
            tail -n 40 "$SERVICE_LOG" >&2 || true
            die "the service did not report health UP within 120 s; see $SERVICE_LOG."
        fi
        sleep 1
    done
    log "service is UP (pid $SERVICE_PID)"
}

# admin_post <path> <json>: prints the body; dies unless the answer is 201
admin_post() {
    local answer status body
    answer=$(curl -sS -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d "$2" \
        -w '\n%{http_code}' "$BASE_URL$1") || die "POST $1 failed (connection)."
    status=${answer##*$'\n'}
    body=${answer%$'\n'*}
    [[ "$status" == 201 ]] || die "POST $1 answered $status, expected 201: $body"
    printf '%s' "$body"
}

create_team_and_tokens() {
    TEAM_ID=$(admin_post /api/v1/admin/teams "{\"name\":\"bench team $RUN_ID\"}" \
        | grep -o '"id":[0-9]*' | head -n 1 | cut -d: -f2)
    [[ -n "$TEAM_ID" ]] || die "no team id in the answer of POST /api/v1/admin/teams."
    local n token tokens=()
    for n in $(seq 1 "$BENCH_TOKENS"); do
        token=$(admin_post /api/v1/admin/api-tokens "{\"name\":\"bench $n\",\"rate_limit_per_minute\":1000000}" \
            | grep -o '"token":"[^"]*"' | head -n 1 | cut -d'"' -f4)
        [[ "$token" == inc_* ]] || die "no token in the answer of POST /api/v1/admin/api-tokens."
        tokens+=("$token")
    done
    TOKEN=${tokens[0]}
    ALL_TOKENS=$(IFS=,; echo "${tokens[*]}")
    log "team $TEAM_ID, $BENCH_TOKENS token(s) ${TOKEN:0:12}... (rate limit 1000000/min)"
}

# One create before the load, so that a broken set-up fails with the service's own answer.
PROBES=0
probe_create() {
    local code
    PROBES=$((PROBES + 1))
    code=$(curl -sS -o "$RESULTS/probe-create.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' \
        -d "{\"team_id\":$TEAM_ID,\"title\":\"bench probe\",\"severity\":2,\"external_id\":\"probe-$RUN_ID-$PROBES\"}" \
        "$BASE_URL/api/v1/incidents") || die "POST /api/v1/incidents failed (connection)."
    [[ "$code" == 201 ]] || die "POST /api/v1/incidents answered $code, expected 201: $(cat "$RESULTS/probe-create.json")"
}

# ------------------------------------------------------------------------------- measurements

# Prints "<tps>" of a measured pgbench run at concurrency $1.
run_pgbench() {
    local connections=$1 out="$RESULTS/pgbench-c$1.txt" threads=$BENCH_THREADS
    if ((threads > connections)); then threads=$connections; fi
    psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_SCRATCH_DB" -f "$BENCH_DIR/pgbench-schema.sql" >/dev/null 2>&1 \
        || die "could not create the pgbench scratch tables in '$BENCH_SCRATCH_DB'."
    local args=(-n -M "$BENCH_PGBENCH_MODE" -c "$connections" -j "$threads" -f "$BENCH_DIR/pgbench-create.sql")
    log "pgbench c=$connections j=$threads: warm-up ${BENCH_PGBENCH_WARMUP_SECONDS}s"
    pgbench "${args[@]}" -T "$BENCH_PGBENCH_WARMUP_SECONDS" "$BENCH_SCRATCH_DB" >"$RESULTS/pgbench-c$connections-warmup.txt" 2>&1 \
        || { cat "$RESULTS/pgbench-c$connections-warmup.txt" >&2; die "pgbench warm-up failed."; }
    psql -X -q -d "$BENCH_SCRATCH_DB" -c "VACUUM ANALYZE domain_event_entry, incident_view" >/dev/null 2>&1 || true
    log "pgbench c=$connections j=$threads: measuring ${BENCH_SECONDS}s"
    pgbench "${args[@]}" -T "$BENCH_SECONDS" "$BENCH_SCRATCH_DB" >"$out" 2>&1 \
        || { cat "$out" >&2; die "pgbench failed; output in $out."; }
    local tps failed
    tps=$(awk '/^tps = / { print $3; exit }' "$out")
    failed=$(awk -F': ' '/^number of failed transactions/ { split($2, a, " "); print a[1]; exit }' "$out")
    [[ -n "$tps" ]] || die "no tps in the pgbench output ($out)."
    [[ -z "$failed" || "$failed" == 0 ]] || die "pgbench reported $failed failed transactions ($out)."
    echo "$tps"
}

ensure_service_alive() {
    kill -0 "$SERVICE_PID" 2>/dev/null && return 0
    tail -n 20 "$SERVICE_LOG" >&2 || true
    SERVICE_PID=""
    die "the service exited during the benchmark (not stopped by this script; a 'Commencing graceful shutdown'
       line in $SERVICE_LOG means it received SIGTERM from another process)."
}

# wrk_run <connections> <seconds> <label> <outfile>
wrk_run() {
    local connections=$1 threads=$BENCH_THREADS
    if ((threads > connections)); then threads=$connections; fi
    BENCH_TOKEN="$ALL_TOKENS" BENCH_TEAM_ID="$TEAM_ID" BENCH_RUN_ID="$RUN_ID-c$1-$3" \
        wrk -t"$threads" -c"$connections" -d"$2s" --timeout "$BENCH_WRK_TIMEOUT" --latency \
        -s "$BENCH_DIR/create-incident.lua" "$BASE_URL" >"$4" 2>&1 \
        || { cat "$4" >&2; ensure_service_alive; die "wrk failed; output in $4."; }
    ensure_service_alive
}

# field <BENCH_RESULT line> <key>
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"; }

# Prints "<rps> <p50 ms> <p99 ms> <bad answers>" of a measured wrk run at concurrency $1.
run_wrk() {
    local connections=$1 out="$RESULTS/wrk-c$1.txt"
    # The JIT of a Spring and Axon service on 2 cores settles after minutes, not seconds: warm up in
    # rounds until two rounds in a row agree within BENCH_WARMUP_TOLERANCE percent.
    local round previous="" current agreed=false
    for round in $(seq 1 "$BENCH_WARMUP_MAX_ROUNDS"); do
        wrk_run "$connections" "$BENCH_WARMUP_SECONDS" "warmup$round" "$RESULTS/wrk-c$connections-warmup$round.txt"
        current=$(field "$(grep '^BENCH_RESULT ' "$RESULTS/wrk-c$connections-warmup$round.txt" | tail -n 1)" rps)
        log "wrk c=$connections t=$BENCH_THREADS: warm-up round $round (${BENCH_WARMUP_SECONDS}s): ${current:-?} creates/s"
        if [[ -n "$previous" && -n "$current" ]] && awk -v a="$previous" -v b="$current" -v t="$BENCH_WARMUP_TOLERANCE" \
            'BEGIN { d = (b - a) / a * 100; exit !(d < t && d > -t) }'; then
            agreed=true
            break
        fi
        previous=$current
    done
    [[ "$agreed" == true ]] || log "WARNING: creates/s still moved by more than ${BENCH_WARMUP_TOLERANCE}% after $BENCH_WARMUP_MAX_ROUNDS warm-up rounds"
    log "wrk c=$connections t=$BENCH_THREADS: measuring ${BENCH_SECONDS}s"
    wrk_run "$connections" "$BENCH_SECONDS" measure "$out"
    local line bad
    line=$(grep '^BENCH_RESULT ' "$out" | tail -n 1) || die "no BENCH_RESULT line in the wrk output ($out)."
    bad=$(($(field "$line" non2xx) + $(field "$line" connect_errors) + $(field "$line" read_errors) \
        + $(field "$line" write_errors) + $(field "$line" timeouts)))
    echo "$(field "$line" rps) $(field "$line" p50_ms) $(field "$line" p99_ms) $bad"
}

# ----------------------------------------------------------------------------------------- main

for connections in $BENCH_CONNECTIONS; do
    [[ "$connections" =~ ^[1-9][0-9]*$ ]] || die "BENCH_CONNECTIONS must hold positive numbers, not '$connections'."
done
[[ "$BENCH_TOKENS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_TOKENS must be a positive number, not '$BENCH_TOKENS'."
[[ "$BENCH_SECONDS" =~ ^[1-9][0-9]*$ && "$BENCH_WARMUP_SECONDS" =~ ^[1-9][0-9]*$ \
    && "$BENCH_PGBENCH_WARMUP_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_*SECONDS must be positive whole numbers."
[[ "$BENCH_WARMUP_TOLERANCE" =~ ^[1-9][0-9]*$ && "$BENCH_WARMUP_MAX_ROUNDS" =~ ^[1-9][0-9]*$ ]] \
    || die "BENCH_WARMUP_TOLERANCE and BENCH_WARMUP_MAX_ROUNDS must be positive whole numbers."

check_tools
ensure_postgres

RUN_ID="$(date +%Y%m%d-%H%M%S)-$$-$RANDOM"
RESULTS="$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$RESULTS"

if [[ "$BUILD" == true || ! -f "$JAR" ]]; then
    log "building $JAR"
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package) >"$RESULTS/build.log" 2>&1 \
        || { tail -n 40 "$RESULTS/build.log" >&2; die "the build failed; see $RESULTS/build.log."; }
fi
[[ -f "$JAR" ]] || die "$JAR is missing after the build."

log "recreating databases '$BENCH_DB' (service) and '$BENCH_SCRATCH_DB' (pgbench)"
recreate_database "$BENCH_DB"
recreate_database "$BENCH_SCRATCH_DB"

load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo 0)
if awk -v l="$load" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    log "WARNING: load average $load on $(nproc) cores before the run: other work on this host will skew the figures"
fi
{
    echo "run $RUN_ID on $(hostname), $(nproc) cores, load average before: $load; jar $(date -r "$JAR" '+%F %T')"
    echo "measured ${BENCH_SECONDS}s per run; wrk warm-up in ${BENCH_WARMUP_SECONDS}s rounds until two agree within" \
        "${BENCH_WARMUP_TOLERANCE}% (at most $BENCH_WARMUP_MAX_ROUNDS), pgbench warm-up ${BENCH_PGBENCH_WARMUP_SECONDS}s;" \
        "wrk -t$BENCH_THREADS, pgbench -j$BENCH_THREADS -M $BENCH_PGBENCH_MODE; target ratio >= $BENCH_TARGET_RATIO"
    [[ -z "${SPRING_APPLICATION_JSON:-}" ]] || echo "service SPRING_APPLICATION_JSON=$SPRING_APPLICATION_JSON"
    [[ -z "${INCIDENTS_DB_POOL_SIZE:-}" ]] || echo "service INCIDENTS_DB_POOL_SIZE=$INCIDENTS_DB_POOL_SIZE"
    [[ -z "$BENCH_JAVA_OPTS" ]] || echo "service JVM options: $BENCH_JAVA_OPTS"
    [[ "$BENCH_TOKENS" == 1 ]] || echo "creates spread over $BENCH_TOKENS API tokens"
} >"$RESULTS/summary.txt"

# Per concurrency level, back to back so that both see the same state of the host:
#   (a) pgbench, with the service stopped: the baseline has the machine and PostgreSQL's connection
#       slots to itself;
#   (b) the service, started afresh on the same database (the JIT warms up in wrk's warm-up run),
#       then wrk; the service is stopped again before the next level.
status=0
summary=()
TEAM_ID=""
for connections in $BENCH_CONNECTIONS; do
    free=$(psql -X -At -d postgres -c "SELECT current_setting('max_connections')::int
            - current_setting('superuser_reserved_connections')::int - count(*) FROM pg_stat_activity
            WHERE backend_type = 'client backend'") \
        || die "could not count PostgreSQL's connections."
    if ((free < connections)); then
        line="c=$connections SKIPPED: PostgreSQL has only $free free connection slots and pgbench -c $connections needs
      $connections (the service's pool needs ${INCIDENTS_DB_POOL_SIZE:-20}); lower BENCH_CONNECTIONS or raise max_connections"
        summary+=("$line")
        echo "$line" >>"$RESULTS/summary.txt"
        log "$line"
        if ((status == 0)); then status=1; fi
        continue
    fi
    tps=$(run_pgbench "$connections")
    log "pgbench c=$connections: $tps tps"

    PORT=$(pick_port)
    BASE_URL="http://127.0.0.1:$PORT"
    start_service "$PORT" "$RESULTS/service-c$connections.log"
    [[ -n "$TEAM_ID" ]] || create_team_and_tokens
    probe_create
    result=$(run_wrk "$connections")
    stop_service
    read -r rps p50 p99 bad <<<"$result"
    ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf "%.3f", a / b }')
    verdict=$(awk -v r="$ratio" -v t="$BENCH_TARGET_RATIO" 'BEGIN { print (r >= t ? "ok" : "BELOW TARGET") }')
    if ((bad > 0)); then
        verdict="FAILED: $bad non-2xx answers or socket errors (see $RESULTS/wrk-c$connections.txt)"
        status=2
    elif [[ "$verdict" != ok ]] && ((status == 0)); then
        status=1
    fi
    load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
    line=$(printf 'c=%-3s pgbench: %.0f tps | http creates: %.0f /s, p50 %s ms, p99 %s ms | ratio %.0f/%.0f = %s (target >= %s) %s [load %s]' \
        "$connections" "$tps" "$rps" "$p50" "$p99" "$rps" "$tps" "$ratio" "$BENCH_TARGET_RATIO" "$verdict" "$load")
    summary+=("$line")
    echo "$line" >>"$RESULTS/summary.txt"
    log "$line"
done

stop_service

echo
echo "== create benchmark (wrk -t$BENCH_THREADS, pgbench -j$BENCH_THREADS -M $BENCH_PGBENCH_MODE, ${BENCH_SECONDS}s each; raw output in ${RESULTS#"$ROOT"/})"
printf '%s\n' "${summary[@]}"
exit "$status"
