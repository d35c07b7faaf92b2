#!/usr/bin/env bash
# Runs the no-Docker sandbox: builds the jars when they are missing or older than the sources,
# then `java -jar sandbox/target/clickstream-sandbox.jar "$@"` (default: run).
#   ./sandbox.sh run            100k events through embedded Kafka + S3 into ./lake, then a summary
#   ./sandbox.sh up             embedded Kafka on :9092 and S3 on :4566 until Ctrl-C
#   ./sandbox.sh --help
set -euo pipefail
cd "$(dirname "$0")"
jar=sandbox/target/clickstream-sandbox.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml common producer consumer sandbox -newer "$jar" \
      \( -name '*.java' -o -name 'pom.xml' -o -name '*.xml' -o -name '*.avsc' \) -path '*src/main*' -print -quit 2>/dev/null)" ]] \
      || [[ -n "$(find . -maxdepth 2 -name pom.xml -newer "$jar" -print -quit)" ]]; then
  echo "building the jars (mvn -B -q -DskipTests package)..."
  mvn -B -q -DskipTests package
fi
if [[ $# -eq 0 ]]; then
  set -- run
fi
exec java ${SANDBOX_JAVA_OPTS:-} -jar "$jar" "$@"
