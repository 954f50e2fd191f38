#!/usr/bin/env bash
# Creates (or refreshes) the virtualenv of Python clients the tests use: ADBC Flight SQL, pyarrow, pandas.
# Prints the path of its python interpreter. Idempotent: does nothing when the requirements are already installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${WEFT_PYTHON_CLIENTS:-$root/.venv-clients}"
requirements="$root/scripts/python-clients/requirements.txt"
stamp="$venv/.requirements"

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv" >&2
fi
if ! cmp -s "$requirements" "$stamp"; then
  echo "python-clients: installing $(grep -v '^#' "$requirements" | tr '\n' ' ')into $venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$stamp"
fi
echo "$venv/bin/python"
