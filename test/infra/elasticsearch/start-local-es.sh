#!/usr/bin/env bash
# Single-node Elasticsearch 8 on the local JVM, from the integ-test-zip distribution on Maven Central.
#
#   test/infra/elasticsearch/start-local-es.sh <run-dir>
#
# This script is THE recipe for the local Elasticsearch. Both callers use it as is:
#   * test/infra/elasticsearch/local-es.ts (Jest globalSetup, without ELASTICSEARCH_URL and Docker),
#   * .ci/run (started in the background before `npm ci`, so the download and JVM start overlap it).
# Bash, not TypeScript, for the same reason as kafka/start-local-broker.sh (no node_modules yet in .ci/run).
#
# What it does: fetch the zip once (version read from pom.xml, Maven repository ~/.cache/tripline/m2) and
# extract it into ~/.cache/tripline/elasticsearch-<version>; hard-link that tree into <run-dir>/es (a copy
# when the cache is on another file system: ~ is mode 700, the server user cannot read it there); write a
# per-run config dir, data, logs and tmp dirs owned by the server user; write <run-dir>/env (written
# atomically, KEY=value lines: ELASTICSEARCH_URL=http://127.0.0.1:<port>, ELASTICSEARCH_DISTRIBUTION=
# integ-test-zip) and print it on stdout; then `exec` the launcher: the process keeps this script's pid, so
# the caller's child IS the Elasticsearch CLI JVM, which runs the server JVM as its child in the same process
# group. Output: <run-dir>/logs/console.log (+ the server's own <run-dir>/logs/tripline-test*.log|json).
#
# Elasticsearch refuses to run as root: when started by root the server runs as the system user
# `tripline-es` (created here when missing; `setpriv` switches user without forking, so the pid is kept).
# Started by another user, it runs as that user.
#
# The script makes itself a process-group leader (setsid) so callers stop everything with one
# `kill -TERM -<pid>` (then -KILL after 10-15 s). With ES_LOCAL_WATCH_PID=<pid> a watcher in the same group
# stops the server when that process disappears (a crashed or killed test run never leaves a server behind).
#
# Readiness is NOT signalled here: callers poll GET /_cluster/health?wait_for_status=yellow&timeout=1s until
# it answers 200 (the integ-test-zip has no rest-root module: GET / and HEAD / answer 405).
#
# Optional env: ES_LOCAL_PORTS="<http> <transport>" (else picked here with node), ES_JAVA_HOME (default
# /usr/lib/jvm/java-17-openjdk-amd64 when present; ES 8 needs Java 17+), ES_LOCAL_HEAP (default 512m), ES_LOCAL_PROCESSORS (default 1),
# ES_LOCAL_JVM_OPTS (extra JVM flags, default -XX:TieredStopAtLevel=1; set it empty for none),
# ES_LOCAL_USER (default tripline-es; only used when run as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Own process group: re-exec under setsid unless we already lead our group (setsid then does not fork,
# so the pid stays the one the caller knows).
stat="$(</proc/$$/stat)"
read -r -a fields <<<"${stat##*) }"
if [ "${fields[2]}" != "$$" ]; then
  exec setsid "$0" "$@"
fi

run="${1:?usage: start-local-es.sh <run-dir>}"
mkdir -p "$run"
run="$(cd "$run" && pwd)"
rm -f "$run/env"
mkdir -p "$run/logs"
echo $$ >"$run/es.pid"

log() { echo "[start-local-es] $*" >&2; }

if [ -z "${ES_JAVA_HOME:-}" ]; then
  if [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
    ES_JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
  elif [ -n "${JAVA_HOME:-}" ]; then
    ES_JAVA_HOME="$JAVA_HOME"
  else
    log "set ES_JAVA_HOME to a Java 17+ JDK (the integ-test-zip has no bundled JDK)"
    exit 1
  fi
fi

# ---- distribution (cached per version) ---------------------------------------------------------------
version="$(sed -n 's:.*<elasticsearch.version>\(.*\)</elasticsearch.version>.*:\1:p' "$here/pom.xml")"
cache="${HOME}/.cache/tripline"
dist="$cache/elasticsearch-$version"
mkdir -p "$cache"
if [ ! -f "$dist/.complete" ]; then
  # flock: concurrent test runs on one machine share the cache; only one downloads and extracts.
  exec 9>"$cache/elasticsearch-$version.lock"
  flock 9
  if [ ! -f "$dist/.complete" ]; then
    artifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip"
    zip="$cache/m2/org/elasticsearch/distribution/integ-test-zip/elasticsearch/$version/elasticsearch-$version.zip"
    log "downloading $artifact"
    mvn -B -Dstyle.color=never -f "$here/pom.xml" -Dmaven.repo.local="$cache/m2" \
      dependency:get -Dartifact="$artifact" -Dtransitive=false >"$run/logs/maven.log" 2>&1 || {
      tail -n 40 "$run/logs/maven.log" >&2
      exit 1
    }
    log "extracting into $dist"
    tmp="$cache/elasticsearch-$version.tmp.$$"
    rm -rf "$tmp" "$dist"
    mkdir -p "$tmp"
    if command -v unzip >/dev/null; then
      unzip -q "$zip" -d "$tmp"
    else
      # No unzip on the machine: python's zipfile, restoring the unix modes (bin/* must stay executable).
      python3 - "$zip" "$tmp" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    for info in z.infolist():
        path = z.extract(info, sys.argv[2])
        mode = (info.external_attr >> 16) & 0o7777
        if mode and not info.is_dir():
            os.chmod(path, mode)
PY
    fi
    top=("$tmp"/elasticsearch-*)
    [ -x "${top[0]}/bin/elasticsearch" ] || {
      log "unexpected zip layout: ${top[*]}"
      exit 1
    }
    # Readable by the server user (the run dir gets hard links to these files); nothing here is written.
    chmod -R a+rX "${top[0]}"
    touch "${top[0]}/.complete"
    mv "${top[0]}" "$dist"
    rm -rf "$tmp"
  fi
  flock -u 9
  exec 9>&-
fi

# ---- user -------------------------------------------------------------------------------------------
as_user=()
if [ "$(id -u)" = 0 ]; then
  es_user="${ES_LOCAL_USER:-tripline-es}"
  if ! id -u "$es_user" >/dev/null 2>&1; then
    exec 7>"$cache/elasticsearch-user.lock"
    flock 7
    id -u "$es_user" >/dev/null 2>&1 ||
      useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$es_user"
    flock -u 7
    exec 7>&-
  fi
  as_user=(setpriv --reuid="$es_user" --regid="$es_user" --init-groups)
fi

# ---- per-run tree -----------------------------------------------------------------------------------
# mkdtemp makes the run dir 0700: the server user must be able to enter it.
chmod 755 "$run"
rm -rf "$run/es" "$run/config" "$run/data" "$run/tmp"
cp -al "$dist" "$run/es" 2>/dev/null || {
  rm -rf "$run/es"
  cp -a "$dist" "$run/es"
}
# Writable config (the launcher creates elasticsearch.keystore in it); data, logs and tmp for the server.
cp -a "$dist/config" "$run/config"
mkdir -p "$run/data" "$run/tmp"

if [ -n "${ES_LOCAL_PORTS:-}" ]; then
  read -r p_http p_transport <<<"$ES_LOCAL_PORTS"
else
  read -r p_http p_transport < <(node -e '
    const net = require("net");
    const servers = [0, 1].map(() => net.createServer());
    Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });')
fi
: "${p_transport:?could not pick two ports}"

security=""
if [ -d "$run/es/modules/x-pack-security" ]; then
  # Present in the 8.x integ-test-zip and on by default (with auto-configured TLS and passwords). The setting
  # must not be written when the module is absent: an unknown setting stops the node.
  security="xpack.security.enabled: false"
fi

cat >"$run/config/elasticsearch.yml" <<EOF
cluster.name: tripline-test
node.name: tripline-test-1
path.data: $run/data
path.logs: $run/logs
network.host: 127.0.0.1
http.port: $p_http
transport.port: $p_transport
discovery.type: single-node
# Tiny CI disks must not flip indices to read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# No mmap: vm.max_map_count does not matter.
node.store.allow_mmap: false
# Two cores shared with Kafka and Jest.
node.processors: ${ES_LOCAL_PROCESSORS:-1}
$security
EOF

if [ ${#as_user[@]} -gt 0 ]; then
  chown -R "$es_user:$es_user" "$run/config" "$run/data" "$run/logs" "$run/tmp"
  # Every parent of the run dir must be enterable by the server user (fails e.g. under /root).
  "${as_user[@]}" test -x "$run/es/bin/elasticsearch" || {
    log "user $es_user cannot reach $run/es/bin/elasticsearch: put the run dir under /tmp (or another public dir)"
    exit 1
  }
fi

# ELASTICSEARCH_DISTRIBUTION tells the tests which feature set to expect (see elasticsearch-harness.test.ts).
cat >"$run/env.tmp" <<EOF
ELASTICSEARCH_URL=http://127.0.0.1:$p_http
ELASTICSEARCH_DISTRIBUTION=integ-test-zip
EOF
mv "$run/env.tmp" "$run/env"
cat "$run/env"

# ---- watcher + server --------------------------------------------------------------------------------
if [ -n "${ES_LOCAL_WATCH_PID:-}" ]; then
  es_pid=$$
  (
    trap '' TERM
    while kill -0 "$ES_LOCAL_WATCH_PID" 2>/dev/null && kill -0 "$es_pid" 2>/dev/null; do sleep 1; done
    if kill -0 "$es_pid" 2>/dev/null; then
      echo "[start-local-es] watched pid $ES_LOCAL_WATCH_PID is gone: stopping Elasticsearch" >&2
      kill -TERM 0 2>/dev/null || true
      for _ in $(seq 1 15); do
        kill -0 "$es_pid" 2>/dev/null || exit 0
        sleep 1
      done
      kill -KILL 0 2>/dev/null || true
    fi
  ) </dev/null >>"$run/logs/watcher.log" 2>&1 &
fi

log "starting Elasticsearch $version on 127.0.0.1:$p_http (log: $run/logs/console.log)"
heap="${ES_LOCAL_HEAP:-512m}"
# C1 only: the node is ready in ~25 s instead of ~40 s on two busy cores (measured; serial GC instead of
# ES's G1 made no difference). Test queries are tiny, so peak JIT performance does not matter.
exec "${as_user[@]}" env -u JAVA_HOME \
  HOME="$run/tmp" \
  ES_JAVA_HOME="$ES_JAVA_HOME" \
  ES_PATH_CONF="$run/config" \
  ES_TMPDIR="$run/tmp" \
  ES_JAVA_OPTS="-Xms$heap -Xmx$heap ${ES_LOCAL_JVM_OPTS--XX:TieredStopAtLevel=1}" \
  "$run/es/bin/elasticsearch" >"$run/logs/console.log" 2>&1 </dev/null
