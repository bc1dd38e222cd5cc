#!/bin/sh
# Runs one role of the DegenDuel realtime backend: ROLE (gateway, market, portfolio, contest,
# simulator, up or token), then any flags given to the container.
set -eu

# The collector comes from jvm.options (shared with ./degenduel-ws and the benchmarks); JAVA_OPTS,
# which the Helm chart sets, comes after it and so can override it.
JVM_OPTIONS=$(grep -v -e '^#' -e '^$' /app/jvm.options | tr '\n' ' ')

# JAVA_OPTS and JVM_OPTIONS are split on whitespace on purpose: each holds several flags.
# shellcheck disable=SC2086
exec java \
  --add-modules java.se \
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.management/sun.management=ALL-UNNAMED \
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -Dhazelcast.phone.home.enabled=false -Dhazelcast.logging.type=slf4j \
  ${JVM_OPTIONS} \
  ${JAVA_OPTS:-} \
  -cp "/app/lib/*" com.degenduel.realtime.node.launch.Launcher "${ROLE:?ROLE must name the role to run}" "$@"
