#!/usr/bin/env bash
# Single-node Apache Kafka (KRaft, static quorum) on the local JVM, from Maven Central jars.
#
#   test/infra/kafka/start-local-broker.sh <run-dir>
#
# This script is THE recipe for the local broker. Both callers use it as is:
#   * test/infra/kafka/local-broker.ts (Jest globalSetup, when neither KAFKA_BROKERS nor Docker is there),
#   * .ci/run (started in the background before `npm ci`, so the jar download and JVM start overlap it).
# It is bash and not TypeScript because .ci/run must start it before node_modules exist and the project has
# no TS runner (tsx, ts-node, @swc/register) for scripts outside Jest.
#
# What it does: fetch the jars once into ~/.cache/tripline/kafka-<version>/lib (version read from pom.xml,
# Maven repository ~/.cache/tripline/m2), write <run-dir>/server.properties with four listeners on free
# ports, create a self-signed CA + broker certificate (keytool, PKCS12), format the log dir (SCRAM users
# added with --add-scram), write <run-dir>/env (KEY=value lines, written atomically) and print it on
# stdout, then `exec` the broker: the process keeps this script's pid, so the caller's child IS the JVM.
# Broker output goes to <run-dir>/logs/server.log.
#
# The script makes itself a process-group leader (setsid) so callers stop everything with one
# `kill -TERM -<pid>` (then -KILL after 10 s). With KAFKA_LOCAL_WATCH_PID=<pid> a watcher in the same
# group stops the broker when that process disappears (a crashed or killed test run never leaves a broker).
#
# Optional env: KAFKA_LOCAL_PORTS="<plaintext> <controller> <sasl> <ssl>" (else picked here with node),
# JAVA_HOME (default /usr/lib/jvm/java-17-openjdk-amd64 when present), KAFKA_LOCAL_HEAP (default 512m).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Own process group: re-exec under setsid unless we already lead our group (setsid then does not fork,
# so the pid stays the one the caller knows).
stat="$(</proc/$$/stat)"
read -r -a fields <<<"${stat##*) }"
if [ "${fields[2]}" != "$$" ]; then
  exec setsid "$0" "$@"
fi

run="${1:?usage: start-local-broker.sh <run-dir>}"
mkdir -p "$run"
run="$(cd "$run" && pwd)"
mkdir -p "$run/data" "$run/logs" "$run/tls"
rm -f "$run/env"
echo $$ >"$run/kafka.pid"

log() { echo "[start-local-broker] $*" >&2; }

if [ -z "${JAVA_HOME:-}" ] && [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"

# ---- jars (cached per Kafka version) ---------------------------------------------------------------
version="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$here/pom.xml")"
cache="${HOME}/.cache/tripline"
lib="$cache/kafka-$version/lib"
mkdir -p "$cache"
if [ ! -f "$lib/.complete" ]; then
  # flock: concurrent test runs on one machine share the cache; only one downloads.
  exec 9>"$cache/kafka-$version.lock"
  flock 9
  if [ ! -f "$lib/.complete" ]; then
    log "downloading Kafka $version jars into $lib"
    tmp="$cache/kafka-$version/lib.tmp.$$"
    rm -rf "$tmp" "$lib"
    mvn -B -Dstyle.color=never -f "$here/pom.xml" -Dmaven.repo.local="$cache/m2" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$run/logs/maven.log" 2>&1 || {
      tail -n 40 "$run/logs/maven.log" >&2
      exit 1
    }
    touch "$tmp/.complete"
    mv "$tmp" "$lib"
  fi
  flock -u 9
  exec 9>&-
fi

# ---- ports, credentials, config --------------------------------------------------------------------
if [ -n "${KAFKA_LOCAL_PORTS:-}" ]; then
  read -r p_plain p_ctrl p_sasl p_ssl <<<"$KAFKA_LOCAL_PORTS"
else
  read -r p_plain p_ctrl p_sasl p_ssl < <(node -e '
    const net = require("net");
    const servers = [0, 1, 2, 3].map(() => net.createServer());
    Promise.all(servers.map((s) => new Promise((r) => s.listen(0, "127.0.0.1", () => r(s.address().port)))))
      .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });')
fi
: "${p_ssl:?could not pick four ports}"

hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }
sasl_user=tripline
sasl_password="$(hex 16)"
# Cluster id: 16 random bytes, base64url without padding (Kafka's Uuid format); must not start with '-'.
cluster_id=-
while [ "${cluster_id:0:1}" = "-" ]; do
  cluster_id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
done

cat >"$run/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$p_ctrl
listeners=PLAINTEXT://127.0.0.1:$p_plain,CONTROLLER://127.0.0.1:$p_ctrl,SASL_PLAINTEXT://127.0.0.1:$p_sasl,SSL://127.0.0.1:$p_ssl
advertised.listeners=PLAINTEXT://127.0.0.1:$p_plain,SASL_PLAINTEXT://127.0.0.1:$p_sasl,SSL://127.0.0.1:$p_ssl
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL
log.dirs=$run/data

# SASL listener: PLAIN users live in the JAAS line, SCRAM users in the metadata log (format --add-scram).
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-256,SCRAM-SHA-512
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$sasl_user="$sasl_password";
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;

# single node, fast tests
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
# 2-core machines: fewer threads
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
num.replica.fetchers=1
log.cleaner.threads=1
EOF

cat >"$run/log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.stdout.ref = STDOUT
logger.req.name = kafka.request.logger
logger.req.level = warn
logger.sc.name = state.change.logger
logger.sc.level = warn
logger.authorizer.name = kafka.authorizer.logger
logger.authorizer.level = warn
EOF
cat >"$run/tools-log4j2.properties" <<'EOF'
status = warn
appender.console.type = Console
appender.console.name = STDERR
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = STDERR
EOF

# ---- TLS material ---------------------------------------------------------------------------------------
# A CA and a broker certificate for 127.0.0.1/localhost, made with keytool (PKCS12). Each keytool call is a
# JVM start (1-2 s on two busy cores, 7 calls), so the material is cached in ~/.cache/tripline/kafka-tls and
# made again when older than 300 days (certificates are valid 825 days). Runs in the background while the
# storage is formatted.
tls_dir="$cache/kafka-tls"
tls() {
  set -e
  exec 8>"$cache/kafka-tls.lock"
  flock 8
  if [ -f "$tls_dir/.complete" ] && [ -z "$(find "$tls_dir/.complete" -mtime +300)" ]; then return 0; fi
  local tmp="$tls_dir.tmp.$$" password
  password="$(hex 12)"
  rm -rf "$tmp" && mkdir -p "$tmp" && cd "$tmp"
  local kt=("$keytool" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC -storetype PKCS12 -storepass "$password" -noprompt)
  "${kt[@]}" -genkeypair -alias ca -keystore ca.p12 -keyalg EC -groupname secp256r1 -validity 825 \
    -dname "CN=tripline test CA" -ext bc:c
  "${kt[@]}" -exportcert -rfc -alias ca -keystore ca.p12 -file ca.pem
  "${kt[@]}" -genkeypair -alias broker -keystore broker.p12 -keyalg EC -groupname secp256r1 -validity 825 \
    -dname "CN=localhost"
  "${kt[@]}" -certreq -alias broker -keystore broker.p12 -file broker.csr
  "${kt[@]}" -gencert -alias ca -keystore ca.p12 -infile broker.csr -outfile broker.pem -rfc -validity 825 \
    -ext "SAN=dns:localhost,ip:127.0.0.1" -ext "KU=digitalSignature" -ext "EKU=serverAuth"
  "${kt[@]}" -importcert -alias ca -keystore broker.p12 -file ca.pem
  "${kt[@]}" -importcert -alias broker -keystore broker.p12 -file broker.pem
  printf '%s\n' "$password" >password
  touch .complete
  cd "$cache" && rm -rf "$tls_dir" && mv "$tmp" "$tls_dir"
}
tls >"$run/logs/keytool.log" 2>&1 &
tls_pid=$!

"$java" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -Dlog4j2.configurationFile="$run/tools-log4j2.properties" \
  -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" -c "$run/server.properties" \
  --add-scram "SCRAM-SHA-256=[name=$sasl_user,password=$sasl_password]" \
  --add-scram "SCRAM-SHA-512=[name=$sasl_user,password=$sasl_password]" \
  >"$run/logs/format.log" 2>&1 || {
  cat "$run/logs/format.log" >&2
  exit 1
}
wait "$tls_pid" || {
  cat "$run/logs/keytool.log" >&2
  exit 1
}
# Per-run copies: a later refresh of the cache cannot pull the files from under a running broker.
cp "$tls_dir/broker.p12" "$tls_dir/ca.pem" "$run/tls/"
tls_password="$(cat "$tls_dir/password")"
cat >>"$run/server.properties" <<EOF

# SSL listener: broker certificate signed by the test CA (exported as PEM for Node clients).
listener.name.ssl.ssl.keystore.type=PKCS12
listener.name.ssl.ssl.keystore.location=$run/tls/broker.p12
listener.name.ssl.ssl.keystore.password=$tls_password
listener.name.ssl.ssl.key.password=$tls_password
listener.name.ssl.ssl.client.auth=none
EOF

cat >"$run/env.tmp" <<EOF
KAFKA_BROKERS=127.0.0.1:$p_plain
KAFKA_SASL_BROKERS=127.0.0.1:$p_sasl
KAFKA_SASL_USERNAME=$sasl_user
KAFKA_SASL_PASSWORD=$sasl_password
KAFKA_SSL_BROKERS=127.0.0.1:$p_ssl
KAFKA_SSL_CA_FILE=$run/tls/ca.pem
EOF
mv "$run/env.tmp" "$run/env"
cat "$run/env"

# ---- watcher + broker --------------------------------------------------------------------------------
if [ -n "${KAFKA_LOCAL_WATCH_PID:-}" ]; then
  broker_pid=$$
  (
    trap '' TERM
    while kill -0 "$KAFKA_LOCAL_WATCH_PID" 2>/dev/null && kill -0 "$broker_pid" 2>/dev/null; do sleep 1; done
    if kill -0 "$broker_pid" 2>/dev/null; then
      echo "[start-local-broker] watched pid $KAFKA_LOCAL_WATCH_PID is gone: stopping the broker" >&2
      kill -TERM 0 2>/dev/null || true
      for _ in $(seq 1 10); do
        kill -0 "$broker_pid" 2>/dev/null || exit 0
        sleep 1
      done
      kill -KILL 0 2>/dev/null || true
    fi
  ) </dev/null >>"$run/logs/watcher.log" 2>&1 &
fi

log "starting Kafka $version (log: $run/logs/server.log)"
# Heap 512m (the Kafka scripts use 1g). C1 only + serial GC start faster on two cores than the scripts' G1
# flags (about 12 s instead of 17 s here, measured under load); KAFKA_LOCAL_JVM_OPTS replaces them.
# shellcheck disable=SC2086
exec "$java" -Xms"${KAFKA_LOCAL_HEAP:-512m}" -Xmx"${KAFKA_LOCAL_HEAP:-512m}" \
  ${KAFKA_LOCAL_JVM_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC} \
  -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$run/log4j2.properties" -Dkafka.logs.dir="$run/logs" \
  -cp "$lib/*" kafka.Kafka "$run/server.properties" >"$run/logs/server.log" 2>&1 </dev/null
