# Sourced by the benchmark scripts: makes sure .venv is current (scripts/make-venv.sh) and puts its
# bin/ first on PATH, so every `python3` they run is the project's pinned one (requirements-test.txt).
_mammoterm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$_mammoterm_root/scripts/make-venv.sh"
case ":$PATH:" in
  *":$_mammoterm_root/.venv/bin:"*) ;;
  *) export PATH="$_mammoterm_root/.venv/bin:$PATH" ;;
esac
unset _mammoterm_root
