#!/usr/bin/env bash
# A short tour: start a real local Kafka, then create a topic, produce, consume and describe.
set -euo pipefail
cd "$(dirname "$0")/.."
kfk() { node bin/kfk.js "$@"; }
set -x
kfk local start
kfk topic create --topic tour --partitions 3 --if-not-exists
seq 1 10 | sed 's/^/line-/' | kfk produce --topic tour
kfk consume --topic tour --from-beginning --max-messages 10 --timeout-ms 5000 | sort
kfk topic describe --topic tour
kfk topic list
