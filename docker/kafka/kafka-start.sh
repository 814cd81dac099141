#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on 127.0.0.1 from Maven Central jars (no container runtime needed).
# Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (KAFKA_PORT+1), KAFKA_DATA_DIR (.run/kafka-<port> here).
# Prints the bootstrap address on its last line. Idempotent: a broker already answering on the port is reused.
# KAFKA_SASL=1: SASL_PLAINTEXT/SCRAM-SHA-512 with ACLs (server-sasl.properties.template), default port 9192; the
# super user admin (password KAFKA_ADMIN_PASSWORD) and the users of KAFKA_SCRAM_USERS ("name=password ...", default
# one per service with the compose development passwords) are created when the data folder is formatted.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sasl="${KAFKA_SASL:-0}"
if [ "$sasl" = "1" ]; then
  port="${KAFKA_PORT:-9192}"
  template="$here/server-sasl.properties.template"
  admin_password="${KAFKA_ADMIN_PASSWORD:-admin-kafka-dev-password}"
  # >>> services:render scram-users
  scram_users="${KAFKA_SCRAM_USERS:-budgets=budgets-kafka-dev-password monitoring=monitoring-kafka-dev-password road-cases=road-cases-kafka-dev-password fines=fines-kafka-dev-password}"
  # <<< services:render
  # The probe below authenticates as admin (kafka-probe.js reads these).
  export KAFKA_PROBE_SASL_USERNAME=admin KAFKA_PROBE_SASL_PASSWORD="$admin_password"
else
  port="${KAFKA_PORT:-9092}"
  template="$here/server.properties.template"
fi
controller_port="${KAFKA_CONTROLLER_PORT:-$((port + 1))}"
data_dir="${KAFKA_DATA_DIR:-$here/.run/kafka-$port}"
libs="$here/target/libs"
log_file="$data_dir/broker.log"
pid_file="$data_dir/broker.pid"

probe() { node "$here/kafka-probe.js" "127.0.0.1:$port" "$@"; }

if probe --timeout 2000 >/dev/null 2>&1; then
  echo "kafka: a broker already answers on 127.0.0.1:$port; reusing it" >&2
  echo "127.0.0.1:$port"
  exit 0
fi

command -v java >/dev/null || { echo "kafka: java not found; install a JDK 17 (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
if [ ! -f "$libs/.complete" ]; then
  command -v mvn >/dev/null || { echo "kafka: mvn not found; install Maven (apt-get install maven)" >&2; exit 1; }
  echo "kafka: assembling broker jars with Maven (first run only)..." >&2
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  touch "$libs/.complete"
fi

mkdir -p "$data_dir"
sed -e "s|@PORT@|$port|g" -e "s|@CONTROLLER_PORT@|$controller_port|g" -e "s|@DATA_DIR@|$data_dir|g" \
  -e "s|@ADMIN_PASSWORD@|${admin_password:-}|g" "$template" > "$data_dir/server.properties"

java_opts=(-Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$here/log4j2.properties" "-Dkafka.log.file=$log_file")
if [ ! -f "$data_dir/logs/meta.properties" ]; then
  cluster_id="$(java -cp "$libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)"
  scram=()
  if [ "$sasl" = "1" ]; then
    for user in "admin=$admin_password" $scram_users; do
      scram+=(--add-scram "SCRAM-SHA-512=[name=${user%%=*},password=${user#*=}]")
    done
  fi
  java "${java_opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$data_dir/server.properties" "${scram[@]}" >&2
fi

nohup java "${java_opts[@]}" -cp "$libs/*" kafka.Kafka "$data_dir/server.properties" \
  >"$data_dir/broker.stdout" 2>&1 &
echo $! > "$pid_file"
echo "kafka: started pid $(cat "$pid_file") on 127.0.0.1:$port, log $log_file" >&2

if ! probe --timeout 60000 --create-topic >&2; then
  echo "kafka: broker did not become ready; see $log_file and $data_dir/broker.stdout" >&2
  tail -20 "$data_dir/broker.stdout" >&2 || true
  exit 1
fi
echo "127.0.0.1:$port"
