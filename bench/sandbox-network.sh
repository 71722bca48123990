#!/usr/bin/env bash
# What the sandbox's own network costs an app: the same Node HTTP server started by hand on the
# host's loopback (the floor) and in the platform's real sandbox (own network namespace, port
# forwarded from the host's 127.0.0.1 by pasta, as the router reaches an instance), loaded with
# wrk in the same run. Prints requests/s, latency and the ratios, and how long starting a
# sandbox with a network takes (the cost every build step and instance start pays).
# Needs: root (for the per-app uid; as another user the sandbox keeps that uid), java 17, mvn,
# node, wrk, bubblewrap, passt, nftables.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/sandbox-bench.XXXXXX)
chmod 755 "$WORK"
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
await_port() { for _ in $(seq 200); do curl -fs -o /dev/null "http://127.0.0.1:$1/" && return 0; sleep 0.05; done; echo "nothing answers on $1" >&2; exit 1; }

cat >"$WORK/server.js" <<'JS'
const http = require('http');
const body = JSON.stringify({ jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'Hello, Ada!' }] } });
http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end(body); })
  .listen(Number(process.argv[2]), '127.0.0.1');
JS

echo "== building the sandbox classes (tests skipped)"
(cd "$ROOT" && mvn -B -q -pl build-controller -am install -DskipTests \
  && mvn -B -q -pl build-controller dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt")
CP="$ROOT/build-controller/target/test-classes:$ROOT/build-controller/target/classes:$(cat "$WORK/cp.txt")"

DIRECT=$(free_port)
node "$WORK/server.js" "$DIRECT" & PIDS+=($!)
SANDBOXED=$(free_port)
java -cp "$CP" cloud.nextmcp.build.sandbox.bench.SandboxBenchServer "$WORK/server.js" "$SANDBOXED" >"$WORK/sandbox.log" 2>&1 & PIDS+=($!)
await_port "$DIRECT"
await_port "$SANDBOXED"
grep -q "own network namespace" "$WORK/sandbox.log" || { echo "the sandbox has no network of its own here:"; cat "$WORK/sandbox.log"; exit 1; }

measure() { wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$1/" >"$WORK/$2.wrk"; }
rps() { awk '/Requests\/sec/ {print $2}' "$WORK/$1.wrk"; }
pct() { awk -v p="$2" '$1 == p {print $2}' "$WORK/$1.wrk"; }
for round in 1 2; do
  measure "$DIRECT" "direct-$round"
  measure "$SANDBOXED" "sandboxed-$round"
done

printf '\n%-22s %12s %10s %10s\n' "" "req/s" "p50" "p99"
for round in 1 2; do
  for kind in direct sandboxed; do
    printf '%-22s %12s %10s %10s\n' "$kind (round $round)" "$(rps "$kind-$round")" "$(pct "$kind-$round" 50%)" "$(pct "$kind-$round" 99%)"
  done
done
python3 - "$(rps direct-2)" "$(rps sandboxed-2)" <<'PY'
import sys
direct, sandboxed = float(sys.argv[1]), float(sys.argv[2])
print(f"\nsandboxed / direct throughput (round 2): {sandboxed / direct:.2f}x")
PY
grep sandbox-start-ms "$WORK/sandbox.log" | sed 's/sandbox-start-ms/starting the sandbox with its network (ms):/'
