#!/bin/sh
# Runs Lineup's Liberty server in the foreground for `./mvnw -Prun`, and makes sure it stops whenever Maven stops.
#   usage: sh run-server.sh <Liberty's wlp folder> <server name>
# Ctrl-C reaches every process of the terminal's process group, but `kill <maven pid>` (a supervisor, systemd)
# reaches Maven alone: Maven then stops the embedded MariaDB and exits, and Liberty, started directly, would keep
# serving on its port with its database gone. So this script stops Liberty (SIGTERM, Liberty's clean shutdown)
# when it gets INT, TERM or HUP itself, and when the Maven process that started it is gone.
wlp=$1
name=$2
maven=$PPID
# Once Maven is gone, so is the pipe it read our output from: a write would kill this script (SIGPIPE) before it
# could stop Liberty.
trap '' PIPE

"$wlp/bin/server" run "$name" &
liberty=$!

stopping=
stop() {
  if [ -z "$stopping" ]; then
    stopping=1
    kill -TERM "$liberty" 2>/dev/null
  fi
}
trap stop INT TERM HUP

while kill -0 "$liberty" 2>/dev/null; do
  if [ -z "$stopping" ] && ! kill -0 "$maven" 2>/dev/null; then
    stop
    echo "Maven has stopped: stopping Lineup." >&2
  fi
  # A background sleep and `wait`: a trapped signal interrupts `wait` at once, not a foreground sleep.
  sleep 1 &
  wait $! 2>/dev/null
done
wait "$liberty"
