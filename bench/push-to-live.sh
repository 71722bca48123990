#!/usr/bin/env bash
# Push-to-live: from the start of `git push` to the new version answering an MCP tool call
# through the router, for the Node example: a first push (cold dependency cache) and a second
# push with a code change (warm cache). The same steps are then done by hand with a bare shell
# script (export the commit, npm ci, start node, poll) as the floor to compare with.
# Prints both and the ratio. Targets (issue 4): warm push-to-live < 3 s on a 2-core machine,
# platform overhead <= 1 s over the bare script.
#
# Usage: bench/push-to-live.sh             platform and bare script
#        bench/push-to-live.sh --bare-only the bare script only (no platform needed)
#
# The platform part needs a running platform (bin/nextmcp-dev; started here when its API does not
# answer and START_PLATFORM=1) and a logged-in CLI with a git remote that pushes without a prompt
# (README walkthrough: bin/nextmcp register, bin/nextmcp keys add). Override the dev defaults with
# NEXTMCP_API_URL, ROUTER_URL, APPS_DOMAIN. Needs: git, node, npm, curl, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
API_URL=${NEXTMCP_API_URL:-http://localhost:8000}
ROUTER_URL=${ROUTER_URL:-http://localhost:8080}
APPS_DOMAIN=${APPS_DOMAIN:-localhost}
NEXTMCP=${NEXTMCP:-$ROOT/bin/nextmcp}
BARE_ONLY=false
[[ "${1:-}" == "--bare-only" ]] && BARE_ONLY=true

WORK=$(mktemp -d /tmp/push-to-live.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

# Calls the example's greet tool at $1 (with Host header $2, may be empty) until the answer
# contains $3. Back-to-back requests with a short pause: the wait ends when the answer changes.
await_answer() {
  local url=$1 host=$2 marker=$3 deadline=$(( $(date +%s) + 300 ))
  local body='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"greet","arguments":{"name":"bench"}}}'
  local args=(-s --max-time 5 -X POST "$url" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' -d "$body")
  [[ -n "$host" ]] && args+=(-H "Host: $host")
  until curl "${args[@]}" 2>/dev/null | grep -q "$marker"; do
    if (( $(date +%s) > deadline )); then echo "no answer with '$marker' from $url" >&2; return 1; fi
    sleep 0.02
  done
}

# A git repository with the Node example whose greeting says which push it is.
make_app() {
  mkdir -p "$WORK/app"
  (cd "$ROOT/examples/node" && git ls-files --cached --others --exclude-standard 2>/dev/null || ls -A) \
    | grep -v '^node_modules' | (cd "$ROOT/examples/node" && xargs -I{} cp --parents {} "$WORK/app/")
  cd "$WORK/app"
  git init -q -b main
  set_marker 1
}

set_marker() {
  sed -i -E "s/^const GREETING = .*/const GREETING = process.env.GREETING ?? 'Hello from push $1';/" "$WORK/app/server.js"
  (cd "$WORK/app" && git add -A && git -c user.name=bench -c user.email=bench@example.com commit -q -m "push $1")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The bare floor: export the commit, install with npm ci (npm cache in $1), start, poll.
bare_run() {
  local cache=$1 marker=$2 dir="$WORK/bare" port start end pid
  rm -rf "$dir"; mkdir -p "$dir"
  port=$(free_port)
  start=$(now)
  (cd "$WORK/app" && git archive HEAD) | tar -x -C "$dir"
  (cd "$dir" && npm_config_cache="$cache" npm ci --no-progress --no-audit --no-fund > "$WORK/bare-npm.log" 2>&1)
  (cd "$dir" && PORT=$port exec node server.js > "$WORK/bare-node.log" 2>&1) & pid=$!
  PIDS+=("$pid")
  await_answer "http://127.0.0.1:$port/mcp" "" "$marker"
  end=$(now)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  elapsed "$start" "$end"
}

platform_up() { curl -s -o /dev/null --max-time 2 "$API_URL/" ; }

platform_push() {
  local marker=$1 start end
  start=$(now)
  (cd "$WORK/app" && git push -q nextmcp main > "$WORK/push.log" 2>&1) || { cat "$WORK/push.log" >&2; return 1; }
  await_answer "$ROUTER_URL/mcp" "$APP.$APPS_DOMAIN" "$marker"
  end=$(now)
  elapsed "$start" "$end"
}

make_app

if ! $BARE_ONLY; then
  if ! platform_up; then
    [[ "${START_PLATFORM:-0}" == 1 ]] || { echo "The platform's API ($API_URL) does not answer: start bin/nextmcp-dev, or set START_PLATFORM=1" >&2; exit 1; }
    echo "== starting bin/nextmcp-dev"
    "$ROOT/bin/nextmcp-dev" > "$WORK/dev.log" 2>&1 & PIDS+=("$!")
    deadline=$(( $(date +%s) + 600 ))
    until platform_up; do
      (( $(date +%s) < deadline )) || { tail -50 "$WORK/dev.log" >&2; exit 1; }
      sleep 0.2
    done
  fi
  APP=bench-$(date +%s | tail -c 6)$RANDOM
  APP=${APP:0:30}
  echo "== creating app $APP"
  (cd "$WORK/app" && "$NEXTMCP" apps create "$APP" > /dev/null)
  echo "== push 1 (cold cache)"
  platform_cold=$(platform_push "Hello from push 1")
  set_marker 2
  echo "== push 2 (code change, warm cache)"
  platform_warm=$(platform_push "Hello from push 2")
  "$NEXTMCP" apps destroy "$APP" --confirm "$APP" > /dev/null 2>&1 || echo "(remove app $APP by hand)"
fi

echo "== bare script: cold (empty npm cache), then warm"
set_marker 3
bare_cold=$(bare_run "$WORK/npm-cache" "Hello from push 3")
set_marker 4
bare_warm=$(bare_run "$WORK/npm-cache" "Hello from push 4")

echo
printf '%-22s %10s %10s\n' "" "cold (s)" "warm (s)"
if ! $BARE_ONLY; then
  printf '%-22s %10s %10s\n' "platform push-to-live" "$platform_cold" "$platform_warm"
fi
printf '%-22s %10s %10s\n' "bare script" "$bare_cold" "$bare_warm"
if ! $BARE_ONLY; then
  python3 - "$platform_cold" "$platform_warm" "$bare_cold" "$bare_warm" <<'PY'
import sys
pc, pw, bc, bw = map(float, sys.argv[1:])
print(f"\nratio platform/bare: cold {pc / bc:.2f}x, warm {pw / bw:.2f}x")
print(f"warm platform overhead: {pw - bw:+.2f} s (target <= 1 s); warm push-to-live {pw:.2f} s (target < 3 s): "
      + ("MET" if pw < 3 and pw - bw <= 1 else "NOT MET"))
PY
fi
