#!/usr/bin/env bash
# A private MariaDB for the tests that read Milvus 1.x meta from MySQL (Debian's mariadb-server binaries, no system
# service). It runs as the current user with its data, socket and log in one folder, listens on 127.0.0.1 only on a
# free port, and has a user `milvusdm` (random password, may create and drop databases).
#
#   eng/mariadb.sh start   start it, or do nothing when it already runs (waits until it accepts connections)
#   eng/mariadb.sh env     print MILVUSDM_TEST_MYSQL=mysql://milvusdm@127.0.0.1:PORT and MILVUSDM_TEST_MYSQL_PASSWORD=...
#   eng/mariadb.sh stop    shut it down and remove its folder (nothing to do when it is not running)
#
# Folder: $MILVUSDM_MARIADB_DIR, default ${TMPDIR:-/tmp}/milvusdm-mariadb. Set it to run several instances side by
# side (the MilvusLegacy test fixture does so when it starts its own).
set -euo pipefail

DIR=${MILVUSDM_MARIADB_DIR:-${TMPDIR:-/tmp}/milvusdm-mariadb}
DATA=$DIR/data
SOCKET=$DIR/mysqld.sock
PIDFILE=$DIR/mysqld.pid
SERVER_PID=$DIR/server.pid  # written at launch (mariadbd writes PIDFILE only once it has started up)
LOG=$DIR/mysqld.log
START_TIMEOUT=${MILVUSDM_MARIADB_TIMEOUT:-60}
OS_USER=$(id -un)  # mariadbd refuses to run as root without --user=root, so the user is always named
MARIADBD=$(command -v mariadbd || echo /usr/sbin/mariadbd)

fail() { echo "mariadb.sh: $*" >&2; exit 1; }

server_pid() {
  [ -s "$SERVER_PID" ] || return 1
  local pid
  pid=$(cat "$SERVER_PID")
  # The process must still be our mariadbd, not another process that got the number later.
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = mariadbd ] || return 1
  echo "$pid"
}

# The admin account made by mariadb-install-db: the current OS user through the unix socket, no password.
admin_sql() { mariadb --no-defaults --socket="$SOCKET" --user="$OS_USER" --batch --skip-column-names -e "$1"; }

accepts_connections() {
  [ -s "$DIR/port" ] && [ -s "$DIR/password" ] || return 1
  MYSQL_PWD=$(cat "$DIR/password") mariadb --no-defaults --protocol=TCP --host=127.0.0.1 --port="$(cat "$DIR/port")" \
    --user=milvusdm --connect-timeout=2 -e "SELECT 1" >/dev/null 2>&1
}

free_port() {
  # Bind port 0 and report what the kernel chose; mariadbd binds it a moment later (start retries on a clash).
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

launch() {
  local port=$1
  # setsid: the server outlives this script and is not hit by the terminal's Ctrl+C meant for the tests.
  # 9>&-: it must not inherit the lock below, or every later call would wait for the server to exit.
  setsid "$MARIADBD" --no-defaults --user="$OS_USER" --datadir="$DATA" --socket="$SOCKET" --pid-file="$PIDFILE" \
    --port="$port" --bind-address=127.0.0.1 --skip-name-resolve --log-error="$LOG" --tmpdir="$DIR" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
    --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --skip-log-bin </dev/null >>"$LOG" 2>&1 9>&- &
  echo $! >"$SERVER_PID"  # setsid execs mariadbd in place: not a process group leader, it needs no fork
}

wait_for_socket() {
  local deadline=$((SECONDS + START_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if mariadb-admin --no-defaults --socket="$SOCKET" --user="$OS_USER" --connect-timeout=1 ping >/dev/null 2>&1; then
      return 0
    fi
    if ! server_pid >/dev/null && [ $((deadline - SECONDS)) -lt $((START_TIMEOUT - 5)) ]; then
      return 1  # no live process a few seconds after launch: it exited (port taken, bad datadir, ...)
    fi
    sleep 0.5
  done
  return 1
}

start() {
  if server_pid >/dev/null && accepts_connections; then
    echo "mariadb.sh: already running on 127.0.0.1:$(cat "$DIR/port") ($DIR)" >&2
    return 0
  fi
  stop_server
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 700 "$DIR"  # the socket gives admin access without a password
  command -v mariadb-install-db >/dev/null && [ -x "$MARIADBD" ] \
    || fail "MariaDB is not installed (Debian package mariadb-server; eng/install-test-deps.sh installs it)"
  mariadb-install-db --no-defaults --user="$OS_USER" --datadir="$DATA" --auth-root-authentication-method=socket \
    --auth-root-socket-user="$OS_USER" --skip-test-db --skip-name-resolve >"$DIR/install.log" 2>&1 \
    || fail "mariadb-install-db failed; see $DIR/install.log: $(tail -n 3 "$DIR/install.log" | tr '\n' ' ')"

  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    launch "$port"
    if wait_for_socket; then
      echo "$port" >"$DIR/port"
      break
    fi
    stop_server "$(cat "$SERVER_PID")"  # by number: it may not even have become mariadbd yet
    port=""
  done
  [ -n "$port" ] || fail "MariaDB did not accept connections within ${START_TIMEOUT}s; last log lines: $(tail -n 5 "$LOG" 2>/dev/null | tr '\n' ' ')"

  local password
  password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
  admin_sql "CREATE USER milvusdm@'127.0.0.1' IDENTIFIED BY '$password';
             GRANT ALL PRIVILEGES ON *.* TO milvusdm@'127.0.0.1';" \
    || fail "could not create the milvusdm user; see $LOG"
  (umask 077 && echo "$password" >"$DIR/password")
  accepts_connections || fail "MariaDB runs but refuses milvusdm over TCP on 127.0.0.1:$port; see $LOG"
  echo "mariadb.sh: started on 127.0.0.1:$port ($DIR)" >&2
}

stop_server() {
  local pid=${1:-}
  [ -n "$pid" ] || pid=$(server_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
}

stop() {
  stop_server
  rm -rf "$DIR" "$DIR.lock"
}

print_env() {
  server_pid >/dev/null && accepts_connections || fail "not running ($DIR); run: eng/mariadb.sh start"
  echo "MILVUSDM_TEST_MYSQL=mysql://milvusdm@127.0.0.1:$(cat "$DIR/port")"
  echo "MILVUSDM_TEST_MYSQL_PASSWORD=$(cat "$DIR/password")"
}

# One caller at a time per folder: parallel test processes may all ask for it to start.
mkdir -p "$(dirname "$DIR")"
exec 9>"$DIR.lock"
flock 9

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
