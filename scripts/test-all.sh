#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (the Python ADBC client, into .venv-clients/), then every
# module's tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/python-clients.sh > /dev/null
exec mvn -B -ntp verify "$@"
