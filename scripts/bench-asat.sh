#!/usr/bin/env bash
# Benchmarks AS AT on a long chain: slice files read and planning overhead. Options: --blocks 1000, --rounds 50.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl tpch-bench -am install
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl tpch-bench dependency:build-classpath -Dmdep.outputFile="$classpath_file"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "tpch-bench/target/classes:$(cat "$classpath_file")" \
  dev.weft.bench.AsAtBenchmark --work bench-results/tmp "$@"
