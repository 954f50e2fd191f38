#!/usr/bin/env bash
# JMH microbenchmarks of the hot paths: block decode, slice scan to Arrow, Flight SQL DoGet of a 10 M-row result.
# Warm-up and measurement are set on each benchmark class. Arguments are passed to JMH, e.g.
# ./scripts/bench-jmh.sh ScanBenchmarks.doGet -i 5
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl tpch-bench -am install
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl tpch-bench dependency:build-classpath -Dmdep.outputFile="$classpath_file"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "tpch-bench/target/classes:$(cat "$classpath_file")" \
  org.openjdk.jmh.Main -jvmArgs "--add-opens=java.base/java.nio=ALL-UNNAMED -Xmx4g" "$@"
