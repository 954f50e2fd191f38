#!/usr/bin/env bash
# Benchmarks planning of the 22 TPC-H queries (SF 0.01 datasets): first, median, p95 and max per query.
# Options: --rounds 50 (measured plannings per query after 20 warm-up ones).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl tpch-bench -am install
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl tpch-bench dependency:build-classpath -Dmdep.outputFile="$classpath_file"
java --add-opens=java.base/java.nio=ALL-UNNAMED -cp "tpch-bench/target/classes:$(cat "$classpath_file")" \
  dev.weft.bench.PlanningBenchmark --work bench-results/tmp "$@"
