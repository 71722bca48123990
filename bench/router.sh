#!/usr/bin/env bash
# Router vs nginx vs the backend directly: wrk throughput and latency, SSE added latency, memory with idle streams.
# Usage: bench/router.sh [duration=15s] [connections=64]
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-15s}; CONNS=${2:-64}; THREADS=$(nproc)
for tool in wrk nginx node java mvn; do
  command -v "$tool" >/dev/null || { echo "missing $tool: install with: apt-get install -y wrk nginx-light nodejs openjdk-17-jdk maven" >&2; exit 1; }
done
WORK=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
BACKEND=18101; NGINX=18102; ROUTER=18103; SSE_BACKEND=18104; NGINX_SSE=18105; ROUTER_SSE=18106

mkdir -p "$WORK"/logs
nginx_conf() { # $1 port, $2 body (location content), $3 workers
  cat > "$WORK/nginx-$1.conf" <<CONF
worker_processes $3; pid $WORK/nginx-$1.pid; error_log $WORK/logs/error-$1.log; daemon off;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $WORK; proxy_temp_path $WORK; fastcgi_temp_path $WORK; uwsgi_temp_path $WORK; scgi_temp_path $WORK;
  $2 }
CONF
  nginx -c "$WORK/nginx-$1.conf" -p "$WORK" & PIDS+=($!)
}
# The backend: nginx answering a 13-byte body, one worker (same for every run).
nginx_conf $BACKEND "server { listen 127.0.0.1:$BACKEND; location / { default_type text/plain; return 200 'hello, world\n'; } }" 1
# nginx as reverse proxy: keep-alive upstream pool, worker count matched to the router's IO threads.
nginx_conf $NGINX "upstream b { server 127.0.0.1:$BACKEND; keepalive 256; }
  server { listen 127.0.0.1:$NGINX; location / { proxy_pass http://b; proxy_http_version 1.1; proxy_set_header Connection '';
  proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$remote_addr; } }" "$THREADS"

echo "building the router classpath..."
mvn -B -q -o -pl router dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="router/target/classes:$(cat "$WORK/cp.txt")"
start_router() { # $1 port, $2 backend address
  java -Xmx512m -cp "$CP" bench/router/BenchRouter.java "$1" "$2" "$THREADS" > "$WORK/logs/router-$1.log" 2>&1 & PIDS+=($!)
  for _ in $(seq 1 120); do grep -q READY "$WORK/logs/router-$1.log" && return; sleep 0.5; done
  echo "router did not start:" >&2; cat "$WORK/logs/router-$1.log" >&2; exit 1
}
start_router $ROUTER 127.0.0.1:$BACKEND
sleep 1

run() { # $1 name, $2 port, $3 host header
  wrk -t2 -c"$CONNS" -d5s -H "Host: $3" "http://127.0.0.1:$2/" >/dev/null # warm-up (JIT)
  wrk -t2 -c"$CONNS" -d"$DUR" --latency -H "Host: $3" "http://127.0.0.1:$2/" > "$WORK/$1.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$1.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$1.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/$1.txt")
  printf "%-8s requests/s %10s   p50 %8s   p99 %8s\n" "$1" "$rps" "$p50" "$p99"
  eval "RPS_$1=$rps"
}
echo "== throughput: wrk $CONNS connections, $DUR, $THREADS workers/IO threads =="
run direct $BACKEND localhost
run nginx $NGINX localhost
run router $ROUTER bench.localhost
echo "ratio router/nginx requests/s: $(echo "scale=3; $RPS_router / $RPS_nginx" | bc)"
echo "(added p99 = proxy p99 - direct p99, from the lines above)"

echo "== SSE: added latency per event (200 events, 50 ms apart) =="
node bench/router/sse.js serve $SSE_BACKEND & PIDS+=($!)
nginx_conf $NGINX_SSE "upstream s { server 127.0.0.1:$SSE_BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_SSE; location / { proxy_pass http://s; proxy_http_version 1.1; proxy_set_header Connection '';
  proxy_buffering off; proxy_read_timeout 1h; } }" "$THREADS"
start_router $ROUTER_SSE 127.0.0.1:$SSE_BACKEND
sleep 1
echo "direct: $(node bench/router/sse.js measure http://127.0.0.1:$SSE_BACKEND localhost)"
echo "nginx:  $(node bench/router/sse.js measure http://127.0.0.1:$NGINX_SSE localhost)"
echo "router: $(node bench/router/sse.js measure http://127.0.0.1:$ROUTER_SSE bench.localhost)"

echo "== memory with 2000 idle SSE streams =="
rss() { ps -o rss= -p "$1" | awk '{s+=$1} END {print s}'; }
tree_rss() { local total=0; for p in $(pgrep -f "$1"); do total=$((total + $(rss "$p"))); done; echo $total; }
ROUTER_PID=$(pgrep -f "BenchRouter.java $ROUTER_SSE" | head -1)
before_r=$(rss "$ROUTER_PID"); before_n=$(tree_rss "nginx-$NGINX_SSE.conf")
node bench/router/sse.js idle http://127.0.0.1:$NGINX_SSE localhost 2000 > "$WORK/idle-n.txt" & IDLE1=$!; PIDS+=($IDLE1)
node bench/router/sse.js idle http://127.0.0.1:$ROUTER_SSE bench.localhost 2000 > "$WORK/idle-r.txt" & IDLE2=$!; PIDS+=($IDLE2)
for _ in $(seq 1 60); do grep -q OPEN "$WORK/idle-n.txt" && grep -q OPEN "$WORK/idle-r.txt" && break; sleep 0.5; done
echo "nginx:  $(cat "$WORK/idle-n.txt") RSS ${before_n} KiB -> $(tree_rss "nginx-$NGINX_SSE.conf") KiB (all workers)"
echo "router: $(cat "$WORK/idle-r.txt") RSS ${before_r} KiB -> $(rss "$ROUTER_PID") KiB (whole JVM, -Xmx512m)"
