#!/usr/bin/env bash
# Command of the compose "kafka-acls" init container: grants each service, as the admin, exactly what it does.
#   Write          its own <service>.events and <service>.checkpoints, platform.pings, and <topic>.dlq of every topic it consumes
#   Read           the topics it consumes (SERVICE_SUBSCRIPTIONS) and platform.pings; its consumer group <service>
#   Describe+Create every topic ensureTopics creates at its start: consumed and produced topics and their .dlq, and
#                  <service>.checkpoints (no .dlq: nobody consumes it but witnesses' own clients)
# No IdempotentWrite on the cluster: since Kafka 2.8 (KIP-679) Write on a topic is enough for an idempotent producer.
# Env: BOOTSTRAP_SERVER, ADMIN_PASSWORD, SERVICE_SUBSCRIPTIONS ("service:topic,topic ..."), KAFKA_NAMESPACE (optional
# prefix "<ns>." of topics and groups, as the services apply it). Adding an ACL that exists is a no-op: reruns are safe.
set -euo pipefail
bin="${KAFKA_HOME:-/opt/kafka}/bin"
ns="${KAFKA_NAMESPACE:+$KAFKA_NAMESPACE.}"
config="$(mktemp)"
trap 'rm -f "$config"' EXIT
cat > "$config" <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_PASSWORD";
PROPS

allow() { # principal, then kafka-acls.sh arguments
  "$bin/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVER" --command-config "$config" --add --allow-principal "User:$1" "${@:2}" >/dev/null
}
topics() { for topic in "$@"; do printf -- '--topic\n%s\n' "$ns$topic"; done; }

for entry in $SERVICE_SUBSCRIPTIONS; do
  service="${entry%%:*}"
  IFS=, read -ra consumed <<< "${entry#*:}"
  consumed+=(platform.pings)
  produced=("$service.events" platform.pings)
  write=("${produced[@]}" "$service.checkpoints")
  for topic in "${consumed[@]}"; do write+=("$topic.dlq"); done
  created=()
  for topic in $(printf '%s\n' "${consumed[@]}" "${produced[@]}" | sort -u); do created+=("$topic" "$topic.dlq"); done
  created+=("$service.checkpoints")

  mapfile -t args < <(topics "${created[@]}"); allow "$service" --operation Describe --operation Create "${args[@]}"
  mapfile -t args < <(topics "${write[@]}");   allow "$service" --operation Write "${args[@]}"
  mapfile -t args < <(topics "${consumed[@]}"); allow "$service" --operation Read "${args[@]}"
  allow "$service" --operation Read --group "$ns$service"
  echo "kafka-acls: $service writes ${write[*]}; reads ${consumed[*]} in group $ns$service"
done
