#!/usr/bin/env bash
# The TPC-H benchmark: generates the tables into ODF datasets, serves them, runs the 22 queries through the Flight SQL
# JDBC driver and DuckDB on the same files, checks every answer, and writes bench-results/<date>-sf<X>.{json,md,png}.
# Options: --sf 0.01 (scale factor), --blocks 1 (commits per table), --runs 3 (runs per query, median reported).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl tpch-bench -am install
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl tpch-bench dependency:build-classpath -Dmdep.outputFile="$classpath_file"
java -Xmx${WEFT_BENCH_HEAP:-6g} --add-opens=java.base/java.nio=ALL-UNNAMED \
  -cp "tpch-bench/target/classes:$(cat "$classpath_file")" dev.weft.bench.TpchBenchmark "$@"
