#!/usr/bin/env bash
# Cold start: the time from a request to a sleeping app (autoscaled to zero) to its first response
# through the router, against the floor: the time from starting the same app by hand to its first
# response. Same app (server/src/test/resources/apps/slow-http, no dependencies), same run, several
# rounds; prints medians, the ratio and the difference (target: within 150 ms of the floor). Then
# 50 concurrent first requests to the sleeping app: all must be answered.
#
# Usage: bench/cold-start.sh [ROUNDS]   (default 7)
#
# Runs on a fresh checkout: builds the platform and CLI when needed (as bin/nextmcp-dev does), starts
# its own platform on free ports with a throwaway data directory, registers a user, pushes the app
# over HTTP with an API token and turns autoscaling on (--min 0 --idle 2s). Needs: java 17+, mvn,
# git, node, curl, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${1:-7}
APP=coldstart
for tool in java mvn git node curl python3; do
  command -v "$tool" >/dev/null || { echo "error: bench/cold-start.sh needs $tool" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/cold-start.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.0f}")' "$@"; }
ms_now() { python3 -c 'import time; print(int(time.monotonic_ns() // 1_000_000))'; }

export NEXTMCP_API_PORT=$(free_port) NEXTMCP_GIT_SSH_PORT=$(free_port) NEXTMCP_GIT_HTTP_PORT=$(free_port)
export NEXTMCP_ROUTER_PORT=$(free_port) NEXTMCP_ROUTER_ADMIN_PORT=$(free_port)
export NEXTMCP_API_URL=http://127.0.0.1:$NEXTMCP_API_PORT HOME=$WORK/home
ROUTER=http://127.0.0.1:$NEXTMCP_ROUTER_PORT
mkdir -p "$HOME"

echo "Starting a platform (builds first when needed; log: $WORK/platform.log)..." >&2
"$ROOT/bin/nextmcp-dev" --data-dir "$WORK/data" > "$WORK/platform.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 600); do
  curl -sf "$NEXTMCP_API_URL/api/v1/info" >/dev/null 2>&1 && break
  kill -0 "${PIDS[0]}" 2>/dev/null || { cat "$WORK/platform.log" >&2; exit 1; }
  sleep 0.5
done
NEXTMCP="$ROOT/bin/nextmcp"
printf 'bench password 1\n' | "$NEXTMCP" register --email bench@example.com --password-stdin >/dev/null
TOKEN=$("$NEXTMCP" tokens create cold-start-bench | tail -1)

cp -r "$ROOT/server/src/test/resources/apps/slow-http" "$WORK/app"
cd "$WORK/app"
git init -q -b main && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -q -m app
"$NEXTMCP" apps create "$APP" --http >/dev/null
git remote set-url nextmcp "http://bench:$TOKEN@127.0.0.1:$NEXTMCP_GIT_HTTP_PORT/git/$APP.git"
git push -q nextmcp main 2>"$WORK/push.log" || { cat "$WORK/push.log" >&2; exit 1; }
"$NEXTMCP" autoscale --min 0 --max 3 --idle 2s --concurrency 20 >/dev/null

await_asleep() {
  for _ in $(seq 1 300); do
    "$NEXTMCP" ps 2>/dev/null | grep -q "now asleep" && return 0
    sleep 0.2
  done
  echo "error: $APP never fell asleep" >&2; "$NEXTMCP" ps >&2; exit 1
}

# One request to the sleeping app through the router; prints its total time in ms.
woken() {
  curl -s -o "$WORK/answer" -w '%{http_code} %{time_total}\n' --max-time 60 -X POST "$ROUTER/apps/$APP/work" -d '{}' \
    | python3 -c 'import sys; code, t = sys.stdin.read().split(); assert code == "200", "HTTP " + code; print(f"{float(t)*1000:.0f}")'
}

# The floor: start the same app by hand and poll it (every 2 ms) until it first answers; ms from start.
by_hand() {
  local port pid start end
  port=$(free_port)
  start=$(ms_now)
  (cd "$WORK/app" && PORT=$port exec node server.js >/dev/null 2>&1) & pid=$!
  until curl -s -o /dev/null --max-time 1 -X POST "http://127.0.0.1:$port/work" -d '{}' 2>/dev/null; do sleep 0.002; done
  end=$(ms_now)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $((end - start))
}

WAKES=() FLOORS=()
for round in $(seq 1 "$ROUNDS"); do
  await_asleep
  sleep 0.5 # let the stopped instance's ports and processes go
  WAKES+=("$(woken)")
  FLOORS+=("$(by_hand)")
  echo "round $round: woken through the router ${WAKES[-1]} ms, started by hand ${FLOORS[-1]} ms" >&2
done
WAKE=$(median "${WAKES[@]}") FLOOR=$(median "${FLOORS[@]}")

await_asleep
sleep 0.5
for i in $(seq 1 50); do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 60 -X POST "$ROUTER/apps/$APP/work?i=$i" -d '{}' \
    > "$WORK/burst.$i" &
done
wait_burst() { for i in $(seq 1 50); do while [[ ! -s "$WORK/burst.$i" ]]; do sleep 0.05; done; done; }
wait_burst
BURST=$(cat "$WORK"/burst.* | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin if l.strip()]
ok = [float(t) * 1000 for c, t in rows if c == "200"]
print(f"{len(ok)}/{len(rows)} answered 200, median {statistics.median(ok):.0f} ms, slowest {max(ok):.0f} ms")')

echo
echo "Cold start of a sleeping app through the router (median of $ROUNDS rounds, same app, same run)"
printf '  woken by a request:        %6s ms\n' "$WAKE"
printf '  started by hand (floor):   %6s ms\n' "$FLOOR"
python3 -c "import sys; w, f = float(sys.argv[1]), float(sys.argv[2]); print(f'  ratio {w/f:.2f}x, difference {w-f:+.0f} ms (target: within 150 ms)')" "$WAKE" "$FLOOR"
echo "50 concurrent first requests: $BURST"
