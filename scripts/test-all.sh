#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, then every module's tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
exec mvn -B -ntp verify "$@"
