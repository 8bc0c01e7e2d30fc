# Shared by scripts/demo, scripts/test and the benchmarks. Source it; it defines functions only.
#
#   gp_install_packages [extra packages...]   Debian packages the project needs, installed if missing
#   gp_build DIR TYPE [cmake args...]          configure with Ninja (and ccache) and build
#   gp_pg_start                                the private PostgreSQL 15 cluster under var/pg
#   gp_pg_stop                                 stops it if this script started it
#   gp_pg_url DB [USER]                        a libpq URI for a database of the private cluster
#   gp_psql DB [args...]                       psql as the cluster's superuser

GP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GP_VAR="$GP_ROOT/var"
GP_PG_DIR="$GP_VAR/pg"
GP_PG_DATA="$GP_PG_DIR/data"
GP_PG_RUN="$GP_PG_DIR/run"
GP_PG_PORT="${GONGPING_PG_PORT:-54329}"
GP_PG_BIN="/usr/lib/postgresql/15/bin"
GP_PG_STARTED_HERE=0

gp_log() { printf '\033[1m[gongping]\033[0m %s\n' "$*" >&2; }
gp_die() { printf '\033[1;31m[gongping] %s\033[0m\n' "$*" >&2; exit 1; }

GP_BUILD_PACKAGES=(
  g++ cmake ninja-build ccache pkg-config git
  libboost1.81-all-dev libsoci-dev libzmq3-dev cppzmq-dev rapidjson-dev catch2 libssl-dev libpq-dev libgmp-dev
  postgresql-15 postgresql-client-15 curl ca-certificates clang-format
)

gp_install_packages() {
  local wanted=("${GP_BUILD_PACKAGES[@]}" "$@") missing=() p
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  # Node.js and npm run the cross-process and browser tests; any Node >= 18 will do, Debian's or
  # one already present.
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || gp_die "missing Debian packages: ${missing[*]} (run as root, or install them)"
  gp_log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || gp_die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || gp_die "apt-get install failed"
  # Debian starts a system cluster on 5432 when it installs postgresql-15; ours runs on its own
  # port under var/, so the system one is left alone.
}

gp_build() {
  local dir="$1" type="$2"
  shift 2
  export CCACHE_DIR="${CCACHE_DIR:-$GP_VAR/ccache}"
  export CCACHE_SLOPPINESS="pch_defines,time_macros,include_file_mtime,include_file_ctime"
  mkdir -p "$CCACHE_DIR" "$dir"
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$GP_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@" >"$dir.configure.log" 2>&1 ||
      { cat "$dir.configure.log" >&2; gp_die "cmake configure failed"; }
  fi
  local jobs
  jobs=$(nproc)
  gp_log "building $type in ${dir#$GP_ROOT/} ($jobs jobs)"
  ninja -C "$dir" -j "$jobs" >"$dir.build.log" 2>&1 || { tail -60 "$dir.build.log" >&2; gp_die "build failed (log: $dir.build.log)"; }
}

# Runs a command as the cluster's owner: `postgres` when we are root (PostgreSQL refuses root).
gp_as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

gp_pg_url() {
  local db="$1" user="${2:-gongping}"
  printf 'postgresql://%s@/%s?host=%s&port=%s' "$user" "$db" "$GP_PG_RUN" "$GP_PG_PORT"
}

gp_psql() {
  local db="$1"
  shift
  gp_as_pg_owner "$GP_PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$GP_PG_RUN" -p "$GP_PG_PORT" -U postgres -d "$db" "$@"
}

# The postgres user must be able to reach var/pg: make the directories above it traversable.
gp_pg_grant_path() {
  [ "$(id -u)" = 0 ] || return 0
  local dir="$GP_PG_DIR"
  while [ "$dir" != "/" ]; do
    if ! runuser -u postgres -- test -x "$dir" 2>/dev/null; then
      gp_log "making $dir traversable for the postgres user"
      chmod o+x "$dir"
    fi
    dir=$(dirname "$dir")
  done
}

gp_pg_start() {
  mkdir -p "$GP_PG_DIR"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$GP_PG_DIR"
  gp_pg_grant_path
  if [ ! -f "$GP_PG_DATA/PG_VERSION" ]; then
    gp_log "creating the private PostgreSQL 15 cluster in ${GP_PG_DATA#$GP_ROOT/}"
    gp_as_pg_owner mkdir -p "$GP_PG_DATA" "$GP_PG_RUN"
    gp_as_pg_owner "$GP_PG_BIN/initdb" -D "$GP_PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$GP_PG_DIR/initdb.log" 2>&1 ||
      { cat "$GP_PG_DIR/initdb.log" >&2; gp_die "initdb failed"; }
    # Unix socket only, inside var/pg/run, reachable by the cluster owner (and root) alone.
    cat >>"$GP_PG_DATA/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$GP_PG_RUN'
unix_socket_permissions = 0700
port = $GP_PG_PORT
fsync = on
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  gp_as_pg_owner mkdir -p "$GP_PG_RUN"
  if gp_as_pg_owner "$GP_PG_BIN/pg_ctl" -D "$GP_PG_DATA" status >/dev/null 2>&1; then
    gp_log "PostgreSQL already running on port $GP_PG_PORT"
  else
    # The port is given at every start, so GONGPING_PG_PORT applies to a cluster made earlier too.
    gp_as_pg_owner "$GP_PG_BIN/pg_ctl" -D "$GP_PG_DATA" -l "$GP_PG_DIR/server.log" -o "-p $GP_PG_PORT" -w -t 60 start >/dev/null ||
      { tail -20 "$GP_PG_DIR/server.log" >&2; gp_die "PostgreSQL did not start (log: var/pg/server.log)"; }
    GP_PG_STARTED_HERE=1
  fi
  gp_psql postgres -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'gongping') THEN CREATE ROLE gongping LOGIN; END IF; END \$\$;"
}

gp_pg_create_db() {
  local db="$1"
  if [ -z "$(gp_psql postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
    gp_psql postgres -c "CREATE DATABASE \"$db\" OWNER gongping"
  fi
}

gp_pg_drop_db() {
  gp_psql postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" || true
}

gp_pg_stop() {
  if [ "$GP_PG_STARTED_HERE" = 1 ]; then
    gp_as_pg_owner "$GP_PG_BIN/pg_ctl" -D "$GP_PG_DATA" -m fast -w stop >/dev/null 2>&1 || true
    GP_PG_STARTED_HERE=0
  fi
}
