# Sourced by demo.sh and test.sh: create .venv once, install the given requirements file when it
# has changed since the last install, and put .venv first on PATH.
requirements="$1"
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($python --version)..."
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$requirements")"
if [ ! -f "$stamp" ] || [ -n "$(find requirements*.txt -newer "$stamp")" ]; then
  echo "Installing $requirements (the first time takes a few minutes; pip shows each package)..."
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar off -r "$requirements"
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
# The translation catalogs (locale/): .mo files are built, not kept in git (pure Python: polib).
.venv/bin/python manage.py compile_catalogs >/dev/null
