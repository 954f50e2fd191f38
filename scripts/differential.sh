#!/usr/bin/env bash
# Runs the FULL differential SQL corpus against a PostgreSQL 15 started for the run (issue 14): every query of
# SQLite's select1..select5 SLT scripts, the hand-written BI shapes and the generated queries, on Weft's embedded
# engine and on PostgreSQL, plus a sample through the Flight SQL and Avatica drivers. Prints the pass rate per
# category and writes the whole report (failures grouped by cause, each failure with its SQL) to
# differential-report.txt, or to the file given as the first argument. Takes 15-30 minutes on a 2-core machine.
# The exit code is the test's: non-zero when a failure is not in known-differences.txt or a listed one now passes.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
report="$(realpath -m "${1:-$root/differential-report.txt}")"
cd "$root"
log="$(mktemp)"
mvn -B -ntp -pl server -am test -Dtest=DifferentialSqlTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dweft.differential=full -Dweft.differential.report="$report" > "$log" 2>&1
status=$?
if [[ -f "$report" ]]; then
    sed -n '1,/^total/p' "$report"
    echo "Full report: $report"
else
    tail -50 "$log"
fi
if [[ $status -ne 0 ]]; then
    grep -E 'Tests run:|FAIL' "$log" | head -20
    echo "Maven log: $log"
fi
exit $status
