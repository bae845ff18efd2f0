#!/bin/sh
# Checks that a way of stopping `./mvnw -Prun` stops all three processes: Maven, the embedded MariaDB and Liberty.
#   usage: src/run/stop-check.sh int-group|term-maven|term-group
#     int-group   SIGINT to the whole process group (what Ctrl-C in a terminal does)
#     term-maven  SIGTERM to the Maven process alone (kill <pid>, a supervisor, systemd's main process)
#     term-group  SIGTERM to the whole process group (systemd's default KillMode)
# Ports: HTTP_PORT / HTTPS_PORT (9080 / 9443) and RUN_DB_PORT (33306) from the environment.
# It starts ./mvnw -Prun in a process group of its own, waits until Lineup answers /health/ready, sends the signal
# and fails unless every process is gone and the port is closed within 60 s (what is left is then killed).
set -u
how=${1:?usage: $0 int-group|term-maven|term-group}
http=${HTTP_PORT:-9080}
db=${RUN_DB_PORT:-33306}
cd "$(dirname "$0")/../.." || exit 2
mkdir -p target
log=target/stop-check-$how.log

# A command started with & from a script ignores SIGINT; a terminal's Ctrl-C reaches processes that do not, so perl
# restores the default first.
HTTP_PORT=$http HTTPS_PORT=${HTTPS_PORT:-9443} setsid perl -e '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec @ARGV' \
  ./mvnw -B -Prun -Dlineup.run.db.port="$db" >"$log" 2>&1 &
maven=$!
waited=0
until curl -fsS "http://127.0.0.1:$http/health/ready" >/dev/null 2>&1; do
  waited=$((waited + 1))
  if [ $waited -gt 600 ] || ! kill -0 "$maven" 2>/dev/null; then
    echo "FAIL: Lineup did not become ready (see $log)"
    env kill -s KILL -- "-$maven" 2>/dev/null
    exit 1
  fi
  sleep 1
done
liberty=$(pgrep -g "$maven" -f ws-server.jar | head -1)
mariadb=$(pgrep -g "$maven" -f mariadbd | head -1)
echo "running: maven $maven, liberty ${liberty:-?}, mariadb ${mariadb:-?}"
if [ -z "$liberty" ] || [ -z "$mariadb" ]; then
  echo "FAIL: did not find Liberty and MariaDB in Maven's process group"
  env kill -s KILL -- "-$maven" 2>/dev/null
  exit 1
fi

case $how in
  int-group) env kill -s INT -- "-$maven" ;;
  term-maven) env kill -s TERM "$maven" ;;
  term-group) env kill -s TERM -- "-$maven" ;;
  *) echo "unknown: $how"; env kill -s KILL -- "-$maven"; exit 2 ;;
esac

for second in $(seq 1 60); do
  left=
  for pid in $maven $liberty $mariadb; do
    if kill -0 "$pid" 2>/dev/null; then left="$left $pid"; fi
  done
  if [ -z "$left" ] && ! curl -fsS -o /dev/null "http://127.0.0.1:$http/health/live" 2>/dev/null; then
    echo "PASS ($how): Maven, Liberty and MariaDB stopped within $second s; port $http is closed"
    exit 0
  fi
  sleep 1
done
echo "FAIL ($how): still running after 60 s:$left (killed now)"
for pid in $left; do kill -KILL "$pid" 2>/dev/null; done
exit 1
