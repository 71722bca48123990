#!/usr/bin/env bash
# Router vs nginx vs the backend directly: wrk throughput and latency, SSE added latency, memory with idle streams.
# Usage: [WORKERS=nproc] bench/router.sh [duration=10s] [connections=64] [rounds=3]
# nginx and the router are measured in alternating rounds, so that load from other processes on the
# machine hits both alike; each line is one round, and the ratio uses each proxy's median round.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR=${1:-10s}; CONNS=${2:-64}; ROUNDS=${3:-3}; THREADS=${WORKERS:-$(nproc)} # WORKERS: nginx workers = router IO threads
for tool in wrk nginx node java mvn bc; do
  command -v "$tool" >/dev/null || { echo "missing $tool: install with: apt-get install -y wrk nginx-light nodejs openjdk-17-jdk maven" >&2; exit 1; }
done
WORK=$(mktemp -d); PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT
BACKEND=18101; NGINX=18102; ROUTER=18103; SSE_BACKEND=18104; NGINX_SSE=18105

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
# The SSE backend and nginx in front of it, unbuffered.
node bench/router/sse.js serve $SSE_BACKEND & PIDS+=($!)
nginx_conf $NGINX_SSE "upstream s { server 127.0.0.1:$SSE_BACKEND; keepalive 64; }
  server { listen 127.0.0.1:$NGINX_SSE; location / { proxy_pass http://s; proxy_http_version 1.1; proxy_set_header Connection '';
  proxy_buffering off; proxy_read_timeout 1h; } }" "$THREADS"

# The router and the modules it uses are compiled here, from this checkout (nothing needs installing first);
# the classpath points at their target/classes. ROUTER_DEPS: a ready classpath, to skip this step.
if [ -n "${ROUTER_DEPS:-}" ]; then
  CP="router/target/classes:$ROUTER_DEPS"
else
  echo "compiling the router and building its classpath..."
  mvn -B -q -pl router -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/cp.txt" >"$WORK/logs/mvn.log" 2>&1 || { cat "$WORK/logs/mvn.log" >&2; exit 1; }
  CP="router/target/classes:$(cat "$WORK/cp.txt")"
fi
# One router for everything, as in production: bench.localhost -> the backend, sse.localhost -> the SSE backend.
# JVM flags as recommended for production in docs/router.md (Performance).
# ROUTER_TRANSPORT: the router's socket transport (auto, io_uring, epoll, nio; default auto).
# ROUTER_JAVA_OPTS: extra JVM flags, e.g. -XX:StartFlightRecording=filename=router.jfr,settings=profile to profile
java -Xmx512m -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled ${ROUTER_JAVA_OPTS:-} -cp "$CP" bench/router/BenchRouter.java $ROUTER "$THREADS" bench=127.0.0.1:$BACKEND sse=127.0.0.1:$SSE_BACKEND 'private!=127.0.0.1:'$BACKEND \
  > "$WORK/logs/router.log" 2>&1 & ROUTER_PID=$!; PIDS+=($ROUTER_PID)
for _ in $(seq 1 120); do grep -q READY "$WORK/logs/router.log" && break; sleep 0.5; done
grep -q READY "$WORK/logs/router.log" || { echo "router did not start:" >&2; cat "$WORK/logs/router.log" >&2; exit 1; }
echo "router: $(grep -o '[a-z_]* transport' "$WORK/logs/router.log" | head -1)"

us() { # wrk latency (850.00us, 1.20ms, 2.00s) -> microseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) print n; else if (v ~ /ms$/) print n * 1000; else print n * 1000000 }'
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
ticks_of() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo $t; }
run() { # $1 name, $2 port, $3 host header, $4 round, then the pids whose CPU time is the proxy's
  local name=$1 port=$2 host=$3 round=$4; shift 4
  local before; before=$(ticks_of "$@")
  wrk -t2 -c"$CONNS" -d"$DUR" --latency -H "Host: $host" "http://127.0.0.1:$port/" > "$WORK/$name-$round.txt"
  local ticks=$(( $(ticks_of "$@") - before )) requests; requests=$(awk '/requests in/ {print $1}' "$WORK/$name-$round.txt")
  cpu=$(echo "scale=2; $ticks * 1000000 / $(getconf CLK_TCK) / $requests" | bc)
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name-$round.txt")
  p50=$(us "$(awk '$1=="50%" {print $2}' "$WORK/$name-$round.txt")"); p99=$(us "$(awk '$1=="99%" {print $2}' "$WORK/$name-$round.txt")")
  printf "%-8s round %s  requests/s %10s   p50 %8s us   p99 %8s us   CPU %7s us/request\n" "$name" "$round" "$rps" "$p50" "$p99" "$cpu"
  echo "$rps" >> "$WORK/$name.rps"; echo "$p50" >> "$WORK/$name.p50"; echo "$p99" >> "$WORK/$name.p99"; echo "$cpu" >> "$WORK/$name.cpu"
}
# Private apps: the same backend as bench.localhost behind private.localhost, called with an app-bound token.
TOKEN=$(awk '/^TOKEN / {print $2}' "$WORK/logs/router.log"); JWT=$(awk '/^JWT / {print $2}' "$WORK/logs/router.log")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$ROUTER_PID/stat"; }
cpu_per_request() { # $1 host, $2 round, extra wrk arguments after; prints router CPU microseconds per request
  local host=$1 round=$2; shift 2
  local before; before=$(cpu_ticks)
  wrk -t2 -c"$CONNS" -d"$DUR" -H "Host: $host" "$@" "http://127.0.0.1:$ROUTER/" > "$WORK/cpu-$host-$round.txt"
  local ticks=$(( $(cpu_ticks) - before )) requests; requests=$(awk '/requests in/ {print $1}' "$WORK/cpu-$host-$round.txt")
  echo "scale=2; $ticks * 1000000 / $(getconf CLK_TCK) / $requests" | bc
}
echo "== private route: router CPU per request (process CPU time / requests), $ROUNDS alternating rounds =="
wrk -t2 -c"$CONNS" -d5s -H "Host: private.localhost" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$ROUTER/" >/dev/null
wrk -t2 -c"$CONNS" -d5s -H "Host: private.localhost" -H "Authorization: Bearer $JWT" "http://127.0.0.1:$ROUTER/" >/dev/null
wrk -t2 -c"$CONNS" -d5s -H "Host: bench.localhost" "http://127.0.0.1:$ROUTER/" >/dev/null
for r in $(seq 1 "$ROUNDS"); do
  pub=$(cpu_per_request bench.localhost "$r"); priv=$(cpu_per_request private.localhost "$r" -H "Authorization: Bearer $TOKEN")
  grep -q "Non-2xx" "$WORK/cpu-private.localhost-$r.txt" && { echo "the private route refused the bench token" >&2; exit 1; }
  jwt=$(cpu_per_request private.localhost "$r-jwt" -H "Authorization: Bearer $JWT")
  grep -q "Non-2xx" "$WORK/cpu-private.localhost-$r-jwt.txt" && { echo "the private route refused the bench JWT" >&2; exit 1; }
  printf "round %s  public %8s us   private, app token %8s us (+%s)   private, OAuth JWT %8s us (+%s)\n" "$r" "$pub" "$priv" \
    "$(echo "$priv - $pub" | bc)" "$jwt" "$(echo "$jwt - $pub" | bc)"
done
[ "${PRIVATE_ONLY:-0}" = 1 ] && exit 0

echo "== throughput: wrk -t2 -c$CONNS -d$DUR, $ROUNDS alternating rounds, $THREADS nginx workers / router IO threads =="
for target in "nginx $NGINX localhost" "router $ROUTER bench.localhost"; do
  set -- $target; wrk -t2 -c"$CONNS" -d5s -H "Host: $3" "http://127.0.0.1:$2/" >/dev/null # warm-up (the router's JIT)
done
NGINX_MASTER=$(pgrep -f "nginx-$NGINX.conf" | head -1); NGINX_PIDS="$NGINX_MASTER $(pgrep -P "$NGINX_MASTER" | tr '\n' ' ')"
BACKEND_MASTER=$(pgrep -f "nginx-$BACKEND.conf" | head -1); BACKEND_PIDS="$BACKEND_MASTER $(pgrep -P "$BACKEND_MASTER" | tr '\n' ' ')"
for r in $(seq 1 "$ROUNDS"); do
  run direct $BACKEND localhost "$r" $BACKEND_PIDS
  run nginx $NGINX localhost "$r" $NGINX_PIDS
  run router $ROUTER bench.localhost "$r" "$ROUTER_PID"
done
for n in direct nginx router; do
  eval "RPS_$n=$(median < "$WORK/$n.rps"); P50_$n=$(median < "$WORK/$n.p50"); P99_$n=$(median < "$WORK/$n.p99"); CPU_$n=$(median < "$WORK/$n.cpu")"
done
echo "medians: direct $RPS_direct/s p50 ${P50_direct}us p99 ${P99_direct}us | nginx $RPS_nginx/s p50 ${P50_nginx}us p99 ${P99_nginx}us | router $RPS_router/s p50 ${P50_router}us p99 ${P99_router}us"
echo "ratio router/nginx requests/s: $(echo "scale=3; $RPS_router / $RPS_nginx" | bc)"
echo "CPU per request (process CPU time / requests, medians; the backend's own CPU not included): nginx ${CPU_nginx}us, router ${CPU_router}us (backend alone: ${CPU_direct}us)"
echo "added p50 over direct: nginx $(echo "$P50_nginx - $P50_direct" | bc)us, router $(echo "$P50_router - $P50_direct" | bc)us"
echo "added p99 over direct: nginx $(echo "$P99_nginx - $P99_direct" | bc)us, router $(echo "$P99_router - $P99_direct" | bc)us"

echo "== SSE: added latency per event (200 events, 50 ms apart) =="
# Warm-up: 20 streams at once through each proxy, so the router's streaming path is compiled (JIT) too.
WARM=()
for _ in $(seq 1 20); do
  node bench/router/sse.js measure http://127.0.0.1:$NGINX_SSE localhost >/dev/null & WARM+=($!)
  node bench/router/sse.js measure http://127.0.0.1:$ROUTER sse.localhost >/dev/null & WARM+=($!)
done
PIDS+=("${WARM[@]}"); wait "${WARM[@]}"
echo "direct: $(node bench/router/sse.js measure http://127.0.0.1:$SSE_BACKEND localhost)"
echo "nginx:  $(node bench/router/sse.js measure http://127.0.0.1:$NGINX_SSE localhost)"
echo "router: $(node bench/router/sse.js measure http://127.0.0.1:$ROUTER sse.localhost)"

echo "== memory with 2000 idle SSE streams =="
rss() { ps -o rss= -p "$1" | awk '{s+=$1} END {print s}'; }
# nginx: the master and its workers (whose command line no longer names the configuration file).
tree_rss() { local total=0 master; master=$(pgrep -f "$1" | head -1)
  for p in $master $(pgrep -P "$master"); do total=$((total + $(rss "$p"))); done; echo $total; }
before_r=$(rss "$ROUTER_PID"); before_n=$(tree_rss "nginx-$NGINX_SSE.conf")
node bench/router/sse.js idle http://127.0.0.1:$NGINX_SSE localhost 2000 > "$WORK/idle-n.txt" & PIDS+=($!)
node bench/router/sse.js idle http://127.0.0.1:$ROUTER sse.localhost 2000 > "$WORK/idle-r.txt" & PIDS+=($!)
for _ in $(seq 1 60); do grep -q OPEN "$WORK/idle-n.txt" && grep -q OPEN "$WORK/idle-r.txt" && break; sleep 0.5; done
echo "nginx:  $(cat "$WORK/idle-n.txt") RSS ${before_n} KiB -> $(tree_rss "nginx-$NGINX_SSE.conf") KiB (master + workers)"
echo "router: $(cat "$WORK/idle-r.txt") RSS ${before_r} KiB -> $(rss "$ROUTER_PID") KiB (whole JVM, -Xmx512m)"
