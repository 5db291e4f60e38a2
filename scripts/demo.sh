#!/usr/bin/env bash
# The main job in one command: the collector (embedded MQTT 5 broker with mutual TLS, its own CA, SQLite, web on a
# loopback port) and a sensor in factory state that provisions itself (a claim bundle from `edge-collector claim`,
# auto-approved for the demo's serial number), then replays the project's own incident recording (demo/incident.pcap,
# see demo/README.md) at its recorded pace and reports to it. The sensor learns the plant for 20 s (the learning
# period and zones come from the collector), then sees the new laptop's attack; assets and the incident reach the
# collector within a minute. When the replay is over the collector stays up until Ctrl+C,
# which stops both (SIGTERM, then waits) and exits 0.
#
#   bash scripts/demo.sh [--no-wait]
#     --no-wait (or EDGE_DEMO_EXIT=1): exit once the replay is over and its incident is stored (CI, smoke tests);
#                                      exit 1 if the laptop's incident did not reach the collector.
#   EDGE_ADMIN_PASSWORD: the dashboard password for user admin (default: a random one, printed).
#
# Everything the run makes (the collector's CA and data, the claim, the sensor's identity and logs) is in .demo/, emptied at the
# start of each run and kept after it; nothing is installed or changed outside it except by scripts/bootstrap.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

no_wait=0
[ "${EDGE_DEMO_EXIT:-0}" = 1 ] && no_wait=1
for arg in "$@"; do
  case $arg in
    --no-wait) no_wait=1 ;;
    -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    *) echo "demo: unknown option '$arg' (usage: bash scripts/demo.sh [--no-wait])" >&2; exit 2 ;;
  esac
done

site=demo-plant
serial=edge-demo-0001          # the demo box's serial number (a first boot writes it); approved without an admin
sensor_id=$serial              # the id the collector gives it: certificate CN, MQTT client id and topic segment
laptop=10.210.0.66             # the intruder in demo/incident.pcap
learning_seconds=20            # as the attack lab's live test (the recording has 25 s of normal traffic first)
run=$repo/.demo
collector_pid=
sensor_pid=

say() { printf 'demo | %s\n' "$*"; }
# spawn NAME COMMAND...: runs COMMAND in the background (its id in $spawned), its output kept whole in .demo/NAME.log
# and shown on the terminal prefixed with NAME, without logger names. Ctrl+C reaches the whole foreground process
# group; background jobs of a script ignore it (the trap below stops them), and the filter ends when its child does.
spawn() {
  local name=$1
  shift
  mkfifo "$run/$name.pipe"
  (trap '' INT; tee -a "$run/$name.log" | sed -u -E 's/ (info|warn|fail|crit|dbug|trce): [A-Za-z.]+\[[0-9]+\]/ \1:/; s/^/'"$name"' | /') < "$run/$name.pipe" &
  "$@" > "$run/$name.pipe" 2>&1 &
  spawned=$!
}

if [ -f "$run/pids" ]; then
  for pid in $(cat "$run/pids"); do
    if kill -0 "$pid" 2>/dev/null && grep -qa edge- "/proc/$pid/cmdline" 2>/dev/null; then
      echo "demo: another demo is running (process $pid, from $run); stop it first (Ctrl+C)" >&2
      exit 1
    fi
  done
fi

bash scripts/bootstrap.sh --demo
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
say "building the collector and the sensor (Release)"
for project in src/Collector src/EdgeSensor; do
  if ! out=$(dotnet build "$project" -c Release -v quiet -nologo 2>&1); then
    echo "$out" | grep -E "error|Error" | sort -u | head -20 >&2
    echo "demo: building $project failed" >&2
    exit 1
  fi
done
# Started through the dotnet muxer, so they run wherever the SDK is installed (an apphost looks only in fixed places).
collector=(dotnet "$repo/src/Collector/bin/Release/net10.0/edge-collector.dll")
sensor=(dotnet "$repo/src/EdgeSensor/bin/Release/net10.0/edge-sensor.dll")

rm -rf "$run"
mkdir -p "$run/collector" "$run/sensor"
printf '*\n' > "$run/.gitignore"

free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
mqtt_port=$(free_port)
web_port=$(free_port)
while [ "$web_port" = "$mqtt_port" ]; do web_port=$(free_port); done
url=http://127.0.0.1:$web_port/

if [ -z "${EDGE_ADMIN_PASSWORD:-}" ]; then
  EDGE_ADMIN_PASSWORD=$(openssl rand -base64 32 | tr -dc 'A-Za-z0-9' | head -c 20)
fi
export EDGE_ADMIN_PASSWORD

# Stops the sensor first (its death message still reaches the collector), then the collector: SIGTERM, up to 30 s
# each to finish cleanly, SIGKILL after that.
terminate() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 300); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "demo: process $pid did not stop within 30 s of SIGTERM; killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}
stop() {
  if [ -n "$sensor_pid" ]; then terminate "$sensor_pid"; fi
  if [ -n "$collector_pid" ]; then terminate "$collector_pid"; fi
  wait || true   # reaps the children and the filters of their output
  rm -f "$run/pids"
}
# What the collector has stored, read-only from its SQLite database: one line whenever it changes.
status() {
  /usr/bin/python3 - "$run/collector/collector.db" "$laptop" <<'PY' 2>/dev/null || true
import sqlite3, sys
db, laptop = sys.argv[1], sys.argv[2]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
one = lambda sql, *a: c.execute(sql, a).fetchone()
assets, = one("SELECT count(*) FROM assets")
incidents, = one("SELECT count(*) FROM incidents")
anomalies, = one("SELECT count(*) FROM anomalies")
line = f"{assets} assets, {anomalies} anomalies, {incidents} incidents"
top = one("SELECT device, score, title FROM incidents ORDER BY score DESC, last_seen DESC LIMIT 1")
if top:
    line += f"; top: {top[0]} score {top[1]}: {top[2]}"
print(line)
PY
}
laptop_score() {
  /usr/bin/python3 -c 'import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=2)
r = c.execute("SELECT max(score) FROM incidents WHERE device = ?", (sys.argv[2],)).fetchone()
print(r[0] if r and r[0] is not None else "")' "$run/collector/collector.db" "$laptop" 2>/dev/null || true
}

# The demo's own last line: what the collector holds, and where.
summary() {
  local held score
  held=$(status)
  held=${held%%; top:*}
  score=$(laptop_score)
  say "$1: ${held:-the collector stored nothing}${score:+; incident about the laptop $laptop: score $score}; data in .demo/collector/collector.db, logs in .demo/*.log"
}
interrupted() {
  trap - INT TERM
  echo
  say "stopping the sensor and the collector"
  stop
  summary "stopped"
  exit 0
}
trap interrupted INT TERM
trap stop EXIT

say "starting the collector: MQTT 5 over mutual TLS on 127.0.0.1:$mqtt_port (its own CA, made in .demo/collector/pki), web on $url"
spawn collector "${collector[@]}" --data "$run/collector" --mqtt-port "$mqtt_port" --mqtt-bind 127.0.0.1 --urls "http://127.0.0.1:$web_port" \
  --auto-approve "$serial" --site "$site" --zones "$repo/demo/zones.json" --Collector:Provisioning:LearningSeconds=$learning_seconds \
  --Logging:Console:FormatterOptions:SingleLine=true "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss "
collector_pid=$spawned
echo "$collector_pid" > "$run/pids"

listening() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }
for _ in $(seq 1 300); do
  listening "$mqtt_port" && listening "$web_port" && break
  if ! kill -0 "$collector_pid" 2>/dev/null; then
    wait "$collector_pid" || true
    echo "demo: the collector exited at start (log: .demo/collector.log)" >&2
    exit 1
  fi
  sleep 0.1
done
if ! listening "$mqtt_port" || ! listening "$web_port"; then
  echo "demo: the collector did not listen on $mqtt_port and $web_port within 30 s (log: .demo/collector.log)" >&2
  exit 1
fi

json() { /usr/bin/python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }
# The factory claim an installer would copy to the sensor's boot partition: a batch claim certificate from the
# collector's CA, the CA's fingerprint to pin, and where the collector is.
if ! out=$("${collector[@]}" claim --data "$run/collector" --batch demo --endpoint "127.0.0.1:$mqtt_port" --out "$run/edge-provisioning.json" 2>&1); then
  echo "$out" >&2
  echo "demo: edge-collector claim failed" >&2
  exit 1
fi
say "${out#edge-collector claim: }"
# The sensor in factory state: its own settings only (what it captures); site, id, uplink, learning period and zones
# come from the collector. The serial number is the one a first boot writes.
printf '%s\n' "$serial" > "$run/sensor/serial"
cat > "$run/sensor.json" <<EOF
{ "capture": { "file": $(json "$repo/demo/incident.pcap"), "replaySpeed": 1 },
  "metricsIntervalSeconds": 5,
  "provisioning": { "file": $(json "$run/edge-provisioning.json"), "stateDirectory": $(json "$run/sensor"), "retrySeconds": 1 } }
EOF

cat <<EOF

  Dashboard  $url
  Sign in    user admin, password $EDGE_ADMIN_PASSWORD
  Sensor     serial $serial provisions itself (auto-approved) as $site/$sensor_id, then
             replays demo/incident.pcap (34 s, as recorded): it learns the plant for ${learning_seconds} s,
             then the new laptop $laptop attacks (RDP into OT, scan, call home, Modbus/S7 to the PLCs)
  Data       .demo/collector/collector.db (SQLite), logs in .demo/*.log
  Stop       Ctrl+C

EOF

spawn sensor "${sensor[@]}" run --config "$run/sensor.json"
sensor_pid=$spawned
echo "$collector_pid $sensor_pid" > "$run/pids"
started=$SECONDS

last=
first_asset=
first_incident=
sensor_done=0
while :; do
  elapsed=$((SECONDS - started))
  if [ "$sensor_done" = 0 ] && ! kill -0 "$sensor_pid" 2>/dev/null; then
    sensor_done=1
    rc=0
    wait "$sensor_pid" || rc=$?
    say "the sensor finished its replay after $elapsed s (exit code $rc)"
  fi
  now=$(status)
  if [ -n "$now" ] && [ "$now" != "$last" ]; then
    say "+${elapsed}s collector: $now"
    last=$now
    case $now in 0\ assets*) ;; *) first_asset=${first_asset:-$elapsed} ;; esac
    if [ -z "$first_incident" ] && [ -n "$(laptop_score)" ]; then first_incident=$elapsed; fi
  fi
  if ! kill -0 "$collector_pid" 2>/dev/null; then
    echo "demo: the collector stopped unexpectedly (log: .demo/collector.log)" >&2
    exit 1
  fi
  [ "$sensor_done" = 1 ] && break
  sleep 1
done

score=$(laptop_score)
if [ -z "$score" ]; then
  echo "demo: the laptop's incident did not reach the collector (logs: .demo/sensor.log, .demo/collector.log)" >&2
  exit 1
fi
say "first asset after ${first_asset:-?} s, the laptop's incident after ${first_incident:-?} s; its score is now $score"
if [ "$no_wait" = 1 ]; then
  say "--no-wait: stopping the collector"
  trap - INT TERM
  stop
  summary "done"
  exit 0
fi
say "the dashboard stays up at $url (user admin, password $EDGE_ADMIN_PASSWORD); Ctrl+C stops the collector"
while kill -0 "$collector_pid" 2>/dev/null; do sleep 1; done
echo "demo: the collector stopped unexpectedly (log: .demo/collector.log)" >&2
exit 1
