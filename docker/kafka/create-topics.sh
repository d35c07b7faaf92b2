#!/usr/bin/env bash
# The compose stack's kafka-init service: creates the clickstream topic (KAFKA_PARTITIONS
# partitions, 6 in .env.example) and the dead-letter topic before the producer and consumer start.
# Creating them here, once, beats relying on auto-creation: a consumer that subscribes first would
# make the broker create the topic with the broker's default partition count.
# Runs in the apache/kafka image with the apps' env file; idempotent (--if-not-exists).
set -euo pipefail

bootstrap=${KAFKA_BROKER:-kafka:9092}
replication=${KAFKA_REPLICATION_FACTOR:-1}

create() {
  echo "kafka-init: topic '$1' with $2 partition(s) on $bootstrap"
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor "$replication"
}

create "${KAFKA_TOPIC:-clickstream}" "${KAFKA_PARTITIONS:-6}"
# The consumer's rule: DLQ_TOPIC unset means clickstream-dlq, set but empty means no dead-letter topic.
dlq=${DLQ_TOPIC-clickstream-dlq}
if [[ -n $dlq ]]; then
  create "$dlq" 1
fi
echo "kafka-init: done"
