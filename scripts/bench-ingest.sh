#!/usr/bin/env bash
# Benchmarks CSV ingest: TPC-H lineitem (generated once into bench-results/tmp/) pushed through `weft ingest`
# in a JVM with a capped heap. Options: --sf 1 (scale factor), --heap 1g (ingesting JVM's -Xmx).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
mvn -B -q -DskipTests -pl server,tpch-bench -am package
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -Dstyle.color=never -pl tpch-bench dependency:build-classpath -Dmdep.outputFile="$classpath_file"
classpath="$(cat "$classpath_file")"
java -cp "tpch-bench/target/classes:$classpath" dev.weft.bench.IngestBenchmark \
  --jar server/target/server-0.1.0-SNAPSHOT-all.jar --work bench-results/tmp "$@"
