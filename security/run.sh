#!/bin/sh
# `make security`: install the scanners if needed, then run security/run.py (see SECURITY.md).
# bandit goes into the app's .venv (no clash); wapiti3 into .venv-security/ (its pins clash with
# requirements.txt); sqlmap is Debian's package.
set -eu
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BANDIT_PIN="bandit==1.9.4"

.venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("bandit") != "1.9.4")' 2>/dev/null \
    || .venv/bin/pip install --quiet --disable-pip-version-check "$BANDIT_PIN"

if [ ! -x .venv-security/bin/wapiti ]; then
    "$PYTHON" -m venv .venv-security
    echo '*' > .venv-security/.gitignore   # keep git status clean
    .venv-security/bin/pip install --quiet --disable-pip-version-check -r security/requirements-wapiti.txt
fi

if ! command -v sqlmap >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y sqlmap >/dev/null
    else
        echo "sqlmap is missing: sudo apt-get install -y sqlmap" >&2
        exit 2
    fi
fi

exec .venv/bin/python security/run.py "$@"
