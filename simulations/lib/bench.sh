# Shared by the benchmarks under simulations/. Source it after scripts/lib/common.sh; it defines
# functions only (plus BENCH_* variables):
#
#   bench_init NAME                    BENCH_OUT (simulations/out), exit trap
#   bench_build                        the Release build in BENCH_BUILD, benchmarks on, tests off
#   bench_describe_build               one line naming the sources and binaries measured
#   bench_on_exit COMMAND              run COMMAND at exit, after the processes are stopped
#   bench_spawn LOG COMMAND [ARGS...]  start a process in the background, output to LOG; stopped at exit
#   bench_start_bare PORT THREADS      build/bench/server/bare-hello-server
#   bench_start_engine CMD EVT LOG     gongping-engine on 127.0.0.1 ports CMD and EVT
#   bench_start_server PORT CMD EVT LOG [--set k=v ...]   gongping-server as deployed (access log on)
#   bench_wait_http URL [LOG]          wait until URL answers 2xx; die (showing LOG) if it never does
#   bench_wrk [wrk args...]            run wrk --latency; prints "REQ_PER_S P99_MS ERRORS" (ERRORS: non-2xx/3xx
#                                      answers plus socket errors)
#   bench_median NUMBERS...            the median
#   bench_cpu_ticks PID...             CPU clock ticks (user + system) used so far by those processes
#   bench_pg_cpu_ticks                 the same for the whole PostgreSQL cluster, ended backends included
#   bench_sys_ticks                    "BUSY IOWAIT TOTAL" ticks of the whole machine (/proc/stat)
#   bench_cpu_mark; bench_cpu_report [GENERATOR_PCT]
#                                      CPU used since the mark by gongping-server, PostgreSQL, the engine
#                                      (percent of one core) and the machine (busy, iowait)
#   bench_waits_start FILE DB_URL DB; bench_waits_stop; bench_waits_summary FILE
#                                      sample every 0.2 s what DB's busy sessions wait on (pg_stat_activity)
#
# Environment: GP_BENCH_BUILD=DIR measures the binaries of another Release build directory (default
# build/bench); GP_BENCH_NO_BUILD=1 uses the binaries as they are, without building.
#
# PostgreSQL: gp_pg_stop (called at exit) stops the private cluster only when this script started
# it (GP_PG_STARTED_HERE); a cluster that was already running keeps running.

BENCH_BUILD="${GP_BENCH_BUILD:-$GP_ROOT/build/bench}"
BENCH_OUT="$GP_ROOT/simulations/out"
BENCH_PIDS=()
BENCH_EXIT_HOOKS=()

bench_init() {
  BENCH_NAME="$1"
  mkdir -p "$BENCH_OUT"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_build() {
  if [ "${GP_BENCH_NO_BUILD:-0}" = 1 ]; then
    [ -x "$BENCH_BUILD/server/gongping-server" ] || gp_die "GP_BENCH_NO_BUILD=1 but $BENCH_BUILD has no gongping-server"
    gp_log "not building: using the binaries in $BENCH_BUILD"
    return 0
  fi
  gp_build "$BENCH_BUILD" Release -DGP_BUILD_TESTS=OFF -DGP_BUILD_BENCHMARKS=ON
}

# "sources abc1234 (+ uncommitted changes), binaries build/bench": what the numbers measure.
bench_describe_build() {
  local rev dirty=""
  rev=$(git -C "$GP_ROOT" rev-parse --short HEAD 2>/dev/null) || rev="(not a git checkout)"
  git -C "$GP_ROOT" diff --quiet HEAD -- . ':!simulations' 2>/dev/null || dirty=" + uncommitted changes"
  echo "sources $rev$dirty, binaries ${BENCH_BUILD#$GP_ROOT/}"
}

bench_on_exit() { BENCH_EXIT_HOOKS+=("$1"); }

bench_cleanup() {
  local hook p
  for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${BENCH_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  for hook in "${BENCH_EXIT_HOOKS[@]}"; do eval "$hook" || true; done
  gp_pg_stop
}

bench_spawn() {
  local log="$1"
  shift
  "$@" >"$log" 2>&1 &
  BENCH_PIDS+=($!)
}

bench_start_bare() {
  bench_spawn /dev/null "$BENCH_BUILD/server/bare-hello-server" "$1" "$2"
  BENCH_BARE_PID=$!
}

bench_start_engine() {
  bench_spawn "$3" "$BENCH_BUILD/matching/engine/gongping-engine" --commands "tcp://127.0.0.1:$1" --events "tcp://127.0.0.1:$2"
  BENCH_ENGINE_PID=$!
}

bench_start_server() {
  local port="$1" commands="$2" events="$3" log="$4"
  shift 4
  bench_spawn "$log" "$BENCH_BUILD/server/gongping-server" --set "http.port=$port" \
    --set "engine.commands=tcp://127.0.0.1:$commands" --set "engine.events=tcp://127.0.0.1:$events" "$@"
  BENCH_SERVER_PID=$!
}

bench_wait_http() {
  local url="$1" log="${2:-}"
  for _ in $(seq 1 150); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  [ -n "$log" ] && tail -20 "$log" >&2
  gp_die "$url did not answer"
}

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms|us|s".
bench_wrk() {
  local out
  out=$(wrk --latency "$@")
  local rps p99
  local errors
  errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(/,/, ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms/, "", v)} else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000}; print v}' <<<"$out")
  [ "$errors" = 0 ] || gp_log "wrk: $(grep -E 'Non-2xx|Socket errors' <<<"$out" | xargs)"
  echo "$rps $p99 $errors"
}

bench_median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Fields 14 and 15 of /proc/PID/stat (after the command name, which may hold spaces).
bench_cpu_ticks() {
  local total=0 p
  for p in "$@"; do
    [ -n "$p" ] && [ -r "/proc/$p/stat" ] || continue
    total=$((total + $(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# The postmaster's own time plus its reaped children's (cutime, cstime) plus its live children's:
# the difference of two readings is what the cluster used in between, whether or not backends ended.
bench_pg_cpu_ticks() {
  local pm
  pm=$(head -1 "$GP_PG_DATA/postmaster.pid" 2>/dev/null) || { echo 0; return; }
  local total
  total=$(sed 's/^.*) //' "/proc/$pm/stat" | awk '{print $12 + $13 + $14 + $15}')
  local children
  children=$(ps -o pid= --ppid "$pm" | xargs)
  [ -n "$children" ] && total=$((total + $(bench_cpu_ticks $children)))
  echo "$total"
}

bench_sys_ticks() {
  awk '/^cpu / {busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, $6, busy + $5 + $6; exit}' /proc/stat
}

# Percent of one core, from a tick difference over SECONDS.
bench_cpu_percent() {
  awk -v t="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", 100 * t / hz / s}'
}

bench_cpu_mark() {
  BENCH_MARK_SERVER=$(bench_cpu_ticks "${BENCH_SERVER_PID:-}") BENCH_MARK_ENGINE=$(bench_cpu_ticks "${BENCH_ENGINE_PID:-}")
  BENCH_MARK_PG=$(bench_pg_cpu_ticks)
  read -r BENCH_MARK_BUSY BENCH_MARK_IOWAIT BENCH_MARK_TOTAL < <(bench_sys_ticks)
  BENCH_MARK_TIME=$(date +%s.%N)
}

bench_cpu_report() {
  local secs busy iowait total server engine pg
  secs=$(awk -v a="$BENCH_MARK_TIME" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  read -r busy iowait total < <(bench_sys_ticks)
  server=$(bench_cpu_percent $(($(bench_cpu_ticks "${BENCH_SERVER_PID:-}") - BENCH_MARK_SERVER)) "$secs")
  engine=$(bench_cpu_percent $(($(bench_cpu_ticks "${BENCH_ENGINE_PID:-}") - BENCH_MARK_ENGINE)) "$secs")
  pg=$(bench_cpu_percent $(($(bench_pg_cpu_ticks) - BENCH_MARK_PG)) "$secs")
  awk -v s="$server" -v e="$engine" -v p="$pg" -v g="${1:-}" -v b=$((busy - BENCH_MARK_BUSY)) \
    -v w=$((iowait - BENCH_MARK_IOWAIT)) -v t=$((total - BENCH_MARK_TOTAL)) -v n="$(nproc)" 'BEGIN {
      printf "cpu, %% of one core: gongping-server %d, postgres %d, engine %d", s, p, e
      if (g != "") printf ", generator %d", g
      printf "; machine (%d cores) busy %.0f%%, iowait %.0f%%\n", n, 100 * b / t, 100 * w / t }'
}

# One psql session re-running the query with \watch: no process is started per sample.
bench_waits_start() {
  local file="$1" url="$2" db="$3" sql
  sql=$(mktemp /tmp/gp-bench-waits.XXXXXX.sql)
  cat >"$sql" <<SQL
SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU') ELSE state END
  FROM pg_stat_activity
 WHERE datname = '$db' AND backend_type = 'client backend' AND state <> 'idle' AND pid <> pg_backend_pid()
\\watch 0.2
SQL
  psql -X -q -t -A -d "$url" -f "$sql" >"$file" 2>/dev/null &
  BENCH_WAITS_PID=$!
  BENCH_WAITS_SQL="$sql"
}

bench_waits_stop() {
  [ -n "${BENCH_WAITS_PID:-}" ] || return 0
  kill -TERM "$BENCH_WAITS_PID" 2>/dev/null || true
  wait "$BENCH_WAITS_PID" 2>/dev/null || true
  rm -f "$BENCH_WAITS_SQL"
  BENCH_WAITS_PID=""
}

# "Lock:transactionid 41%, IO:WALSync 20%, ... (N samples)": shares of the sampled session states;
# CPU is a running session waiting on nothing, "idle in transaction" one waiting for its client.
bench_waits_summary() {
  grep -v '^$' "$1" | sort | uniq -c | sort -rn |
    awk '{c = $1; $1 = ""; n[NR] = c; w[NR] = substr($0, 2); t += c}
         END {for (i = 1; i <= NR && i <= 6; i++) printf "%s%s %.0f%%", (i > 1 ? ", " : ""), w[i], 100 * n[i] / t
              if (t == 0) printf "none sampled"; printf " (%d samples)\n", t}'
}
