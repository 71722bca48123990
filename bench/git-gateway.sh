#!/usr/bin/env bash
# Push and clone a generated ~50 MB repository through the git gateway (Mina SSHD + JGit) and
# through Debian's OpenSSH sshd + native git-receive-pack/git-upload-pack, on loopback, in the
# same run; prints wall times and the gateway/native ratios.
# Targets (issue 3): push <= 1.25x native, clone <= 1.5x native.
# Pushes go to a non-deploy branch, so no build runs: this measures the transport.
# Needs: java 17, mvn (dependencies already in ~/.m2), git, openssh-server, python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/git-gateway-bench.XXXXXX)
SIZE_MB=${SIZE_MB:-50}
RUNS=${RUNS:-3}
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0 LC_ALL=C
mkdir -p "$HOME"
git config --global user.name bench
git config --global user.email bench@example.com

echo "== building the gateway (tests skipped)"
(cd "$ROOT" && mvn -B -q -o -pl git-gateway install -DskipTests \
  && mvn -B -q -o -pl git-gateway dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt")
CP="$ROOT/git-gateway/target/test-classes:$ROOT/git-gateway/target/classes:$(cat "$WORK/cp.txt")"

echo "== generating a ${SIZE_MB} MB repository with git fast-import"
git init -q -b main "$WORK/src"
python3 - "$SIZE_MB" > "$WORK/stream" <<'PY'
import random, sys
# Mostly random bytes (incompressible, so the pack is about SIZE_MB), one file in ten of repetitive
# text (compression and deltas matter), over 40 commits.
size = int(sys.argv[1]) * 1024 * 1024 * 105 // 100
rnd = random.Random(42)
out = sys.stdout.buffer
commits, files_per_commit = 40, 25
per_file = size // (commits * files_per_commit)
mark = 0
for c in range(commits):
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer bench <bench@example.com> %d +0000\n" % (1700000000 + c))
    msg = b"commit %d" % c
    out.write(b"data %d\n%s\n" % (len(msg), msg))
    for f in range(files_per_commit):
        if f % 10 != 9:
            blob = rnd.randbytes(per_file)
        else:
            words = [b"lorem", b"ipsum", b"dolor", b"sit", b"amet", b"%d" % c, b"%d" % f]
            blob = b" ".join(rnd.choice(words) for _ in range(per_file // 6))[:per_file]
        path = b"dir%02d/file%03d-%02d.dat" % (f % 5, f, c)
        out.write(b"M 100644 inline %s\ndata %d\n" % (path, len(blob)))
        out.write(blob)
        out.write(b"\n")
PY
(cd "$WORK/src" && git fast-import --quiet < "$WORK/stream" && git reset -q --hard main && git gc -q)
rm "$WORK/stream"
PACK_MB=$(du -sm "$WORK/src/.git/objects" | cut -f1)
echo "   packed objects: ${PACK_MB} MB"

ssh-keygen -q -t ed25519 -N "" -f "$WORK/id_ed25519"
SSH_BASE="ssh -i $WORK/id_ed25519 -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$WORK/known_hosts"

echo "== starting the gateway"
java -cp "$CP" cloud.nextmcp.git.bench.GatewayBenchServer "$WORK/data" "$WORK/id_ed25519.pub" "$WORK/gw.env" "$RUNS" \
  > "$WORK/gateway.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do [ -f "$WORK/gw.env" ] && break; sleep 0.1; done
[ -f "$WORK/gw.env" ] || { echo "gateway did not start:"; tail -50 "$WORK/gateway.log"; exit 1; }
# shellcheck disable=SC1091
source "$WORK/gw.env"
echo "[127.0.0.1]:$GW_SSH_PORT $GW_HOST_KEY" >> "$WORK/known_hosts"

echo "== starting OpenSSH sshd on loopback"
NATIVE_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p /run/sshd "$WORK/sshd"
ssh-keygen -q -t ed25519 -N "" -f "$WORK/sshd/host_ed25519"
cp "$WORK/id_ed25519.pub" "$WORK/sshd/authorized_keys"
cat > "$WORK/sshd/sshd_config" <<CFG
Port $NATIVE_PORT
ListenAddress 127.0.0.1
HostKey $WORK/sshd/host_ed25519
AuthorizedKeysFile $WORK/sshd/authorized_keys
PermitRootLogin yes
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile $WORK/sshd/sshd.pid
SetEnv GIT_CONFIG_NOSYSTEM=1
CFG
/usr/sbin/sshd -D -f "$WORK/sshd/sshd_config" -E "$WORK/sshd/log" &
PIDS+=($!)
echo "[127.0.0.1]:$NATIVE_PORT $(cut -d' ' -f1-2 "$WORK/sshd/host_ed25519.pub")" >> "$WORK/known_hosts"
for i in $(seq 1 "$RUNS"); do git init -q --bare "$WORK/native-$i.git"; done
for _ in $(seq 1 100); do $SSH_BASE -p "$NATIVE_PORT" "$(id -un)@127.0.0.1" true 2>/dev/null && break; sleep 0.1; done

export GIT_SSH_COMMAND="$SSH_BASE"
USER_NAME=$(id -un)
gw_url() { echo "ssh://git@127.0.0.1:$GW_SSH_PORT/bench-ssh-$1.git"; }
native_url() { echo "ssh://$USER_NAME@127.0.0.1:$NATIVE_PORT$WORK/native-$1.git"; }
http_url() { echo "http://x:$GW_TOKEN@127.0.0.1:$GW_HTTP_PORT/git/bench-http-$1.git"; }

timed() { # prints seconds of wall time of "$@"
  local start=$EPOCHREALTIME
  "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  python3 -c "print(f'{$EPOCHREALTIME - $start:.2f}')"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== measuring, $RUNS runs each, alternating (same machine, same run)"
# Warm-up: one small round trip each, so connection set-up and JIT are not all in the first run.
$SSH_BASE -p "$NATIVE_PORT" "$USER_NAME@127.0.0.1" true
git ls-remote "$(gw_url 1)" > /dev/null
NP=(); GP=(); HP=(); NC=(); GC=(); HC=()
for i in $(seq 1 "$RUNS"); do
  cd "$WORK/src"
  NP+=("$(timed git push -q "$(native_url "$i")" main)")
  GP+=("$(timed git push -q "$(gw_url "$i")" main:refs/heads/bench)")
  HP+=("$(timed git push -q "$(http_url "$i")" main:refs/heads/bench)")
  cd "$WORK"
  rm -rf clone-*
  NC+=("$(timed git clone -q -b main "$(native_url "$i")" clone-native)")
  GC+=("$(timed git clone -q -b bench "$(gw_url "$i")" clone-gateway)")
  HC+=("$(timed git clone -q -b bench "$(http_url "$i")" clone-http)")
  for d in clone-native clone-gateway clone-http; do
    [ "$(git -C "$d" rev-parse HEAD)" = "$(git -C src rev-parse main)" ] || { echo "$d has the wrong HEAD"; exit 1; }
  done
  echo "   run $i: push native ${NP[-1]} s, gateway ${GP[-1]} s, http ${HP[-1]} s; clone native ${NC[-1]} s, gateway ${GC[-1]} s, http ${HC[-1]} s"
done

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
NPM=$(median "${NP[@]}"); GPM=$(median "${GP[@]}"); HPM=$(median "${HP[@]}")
NCM=$(median "${NC[@]}"); GCM=$(median "${GC[@]}"); HCM=$(median "${HC[@]}")
echo
echo "repository: ${PACK_MB} MB packed, $(git -C src rev-list --count main) commits; medians of $RUNS runs"
printf '%-22s %8s %8s %8s\n' "" native gateway ratio
printf '%-22s %8s %8s %8s\n' "push over SSH (s)" "$NPM" "$GPM" "$(ratio "$GPM" "$NPM")"
printf '%-22s %8s %8s %8s\n' "clone over SSH (s)" "$NCM" "$GCM" "$(ratio "$GCM" "$NCM")"
printf '%-22s %8s %8s\n' "push over HTTP (s)" "-" "$HPM"
printf '%-22s %8s %8s\n' "clone over HTTP (s)" "-" "$HCM"
echo "targets: push ratio <= 1.25, clone ratio <= 1.5"
