#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need (the Python ADBC client, into .venv-clients/; Debian's
# PostgreSQL for the differential SQL tests where no initdb is installed), then every module's tests.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/python-clients.sh > /dev/null
# The differential tests start their own PostgreSQL from /usr/lib/postgresql/*/bin (server/.../PostgresServer).
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null; then
    apt-get update > /dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql > /dev/null
fi
exec mvn -B -ntp verify "$@"
