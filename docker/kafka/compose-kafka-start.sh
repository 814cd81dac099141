#!/usr/bin/env bash
# Command of the compose "kafka" container (apache/kafka image). KRaft keeps SCRAM credentials in its metadata log,
# so the users are added when the empty data volume is formatted (kafka-storage.sh format --add-scram); then the
# image's own start (/etc/kafka/docker/run) renders the KAFKA_* settings and, finding the volume formatted, starts.
# Env: CLUSTER_ID and KAFKA_* as for the image; SCRAM_CREDENTIALS, "name=password ..." (admin = the super user).
# Passwords must not hold spaces, "," "]" or quotes (development defaults in docker-compose.yml are plain words).
set -euo pipefail

admin_password=""
for credential in $SCRAM_CREDENTIALS; do
  if [ "${credential%%=*}" = "admin" ]; then admin_password="${credential#*=}"; fi
done
[ -n "$admin_password" ] || { echo "compose-kafka-start: SCRAM_CREDENTIALS names no admin" >&2; exit 1; }

# The broker's own login (inter-broker client on the SASL listener); KAFKA_OPTS points at this file.
cat > /tmp/kafka-server-jaas.conf <<JAAS
KafkaServer {
  org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
};
JAAS
# The admin client configuration of the health check.
cat > /tmp/admin-client.properties <<PROPS
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$admin_password";
PROPS

if [ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]; then
  cat > /tmp/format.properties <<PROPS
process.roles=$KAFKA_PROCESS_ROLES
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=$KAFKA_CONTROLLER_LISTENER_NAMES
listeners=$KAFKA_LISTENERS
advertised.listeners=$KAFKA_ADVERTISED_LISTENERS
inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME
listener.security.protocol.map=$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP
sasl.enabled.mechanisms=$KAFKA_SASL_ENABLED_MECHANISMS
sasl.mechanism.inter.broker.protocol=$KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL
log.dirs=$KAFKA_LOG_DIRS
PROPS
  scram=()
  for credential in $SCRAM_CREDENTIALS; do
    scram+=(--add-scram "SCRAM-SHA-512=[name=${credential%%=*},password=${credential#*=}]")
  done
  echo "compose-kafka-start: formatting $KAFKA_LOG_DIRS with SCRAM users:$(for c in $SCRAM_CREDENTIALS; do printf ' %s' "${c%%=*}"; done)"
  "${KAFKA_HOME:-/opt/kafka}/bin/kafka-storage.sh" format --cluster-id "$CLUSTER_ID" --config /tmp/format.properties "${scram[@]}"
fi

exec "${KAFKA_IMAGE_RUN:-/etc/kafka/docker/run}"
