#!/bin/sh
# Starts one more Lineup server from this checkout, on another port, against the database the running one uses
# (README, "Several servers"). It copies a built server's configuration (Liberty, the WAR, its settings) into a
# server of its own and runs it in the foreground until Ctrl-C.
#   usage: sh src/run/extra-server.sh <HTTP port> [template server, default: lineup]
# With the default template (the server `./mvnw -Prun` runs), it shares that server's guides (./data/epg) and
# secret key (./data/secret.key) unless SHARED_DIR / EPG_DIR / SECRET_KEY / SECRET_KEY_FILE say otherwise; with
# another template, that server's settings (its jvm.options) carry over as they are. Every other variable of
# README "Configuration" is read from the environment, as for the first server.
set -eu
port=${1:?usage: sh src/run/extra-server.sh <HTTP port> [template server]}
template=${2:-lineup}
root=$(cd "$(dirname "$0")/../.." && pwd)
wlp=${WLP_DIR:-$root/target/liberty/wlp}
from=$wlp/usr/servers/$template
name=$template-$port
to=$wlp/usr/servers/$name
case $port in
  '' | *[!0-9]*) echo "The port must be a number: $port" >&2; exit 2 ;;
esac
if [ ! -f "$from/server.xml" ]; then
  echo "No built server '$template' in $wlp: run ./mvnw -Prun (or the tests) once first." >&2
  exit 1
fi
rm -rf "$to"
mkdir -p "$to"
# The configuration, the WAR and the driver; not the logs, the work area, the guides or the key of the template.
for item in "$from"/* "$from"/.[!.]*; do
  [ -e "$item" ] || continue
  case $(basename "$item") in
    logs | workarea | epg | secret.key | tranlog | messaging) ;;
    *) cp -R "$item" "$to/" ;;
  esac
done
# Its own ports (HTTPS: the HTTP port + 1000).
props=$to/bootstrap.properties
touch "$props"
grep -v -e '^http\.port=' -e '^https\.port=' "$props" > "$props.new" || true
printf 'http.port=%s\nhttps.port=%s\n' "$port" "$((port + 1000))" >> "$props.new"
mv "$props.new" "$props"
if [ "$template" = lineup ]; then
  if [ -z "${SHARED_DIR:-}" ] && [ -z "${EPG_DIR:-}" ]; then
    export EPG_DIR="$root/data/epg" SHARED_DIR="$root/data"
  fi
  if [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ]; then
    export SECRET_KEY_FILE="$root/data/secret.key"
  fi
elif [ -z "${SECRET_KEY:-}" ] && [ -z "${SECRET_KEY_FILE:-}" ] && [ -f "$from/secret.key" ]; then
  export SECRET_KEY_FILE="$from/secret.key"
fi
echo "Starting Lineup server '$name' on http://127.0.0.1:$port/ (the template's database)" >&2
exec "$wlp/bin/server" run "$name"
