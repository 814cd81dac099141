#!/usr/bin/env bash
# Stops the local broker started by kafka-start.sh (same KAFKA_PORT / KAFKA_DATA_DIR). KAFKA_WIPE=1 also deletes its data.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${KAFKA_PORT:-9092}"
data_dir="${KAFKA_DATA_DIR:-$here/.run/kafka-$port}"
pid_file="$data_dir/broker.pid"
if [ -f "$pid_file" ]; then
  pid="$(cat "$pid_file")"
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    echo "kafka: stopped pid $pid" >&2
  fi
  rm -f "$pid_file"
fi
if [ "${KAFKA_WIPE:-0}" = "1" ]; then rm -rf "$data_dir"; fi
