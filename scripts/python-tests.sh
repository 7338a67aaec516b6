#!/usr/bin/env bash
# The Python package's tests: a fresh venv with maturin, pytest, pandas, pyarrow
# and Dask from PyPI, the package built and installed from crates/python, then
# pytest over crates/python/tests and examples/cluster.
#
# Run from anywhere, after `cargo build --release -p policy-extract` (the tests
# compare with the CLI; `cargo test --workspace --release` builds it too).
# The extension is built in the workspace's target/ (CARGO_TARGET_DIR), so a
# dependency that the Rust build compiled with the same features is reused;
# pdf_oxide and our crates are not (crates/python/Cargo.toml says why) and take
# most of the build's time.
#   PYTHON      the interpreter for the venv [python3]
#   VENV        where the venv goes [target/python-venv]; reused when it exists
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)

python=${PYTHON:-python3}
venv=${VENV:-$root/target/python-venv}
if [[ ! -x $venv/bin/python ]]; then
    "$python" -m venv "$venv"
fi
# shellcheck disable=SC1091
source "$venv/bin/activate"
python -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" "pytest>=7" "pandas>=1.5" "pyarrow>=12" "dask[distributed]>=2023.1"

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
if [[ ! -x $CARGO_TARGET_DIR/release/policy-extract ]]; then
    cargo build --release -p policy-extract
fi
export POLICY_EXTRACT=$CARGO_TARGET_DIR/release/policy-extract
# --no-build-isolation: the backend (maturin) is the one just installed, not
# fetched again into a throwaway environment.
python -m pip install --quiet --disable-pip-version-check --no-build-isolation --force-reinstall --no-deps ./crates/python
built=$(date +%s)

# Outside the source tree, so `import policy_kit` is the installed package.
cd "$CARGO_TARGET_DIR"
status=0
python -m pytest -q -p no:cacheprovider "$root/crates/python/tests" "$root/examples/cluster" || status=$?
# pytest's 5 is "no tests ran": never a pass.
if [[ $status -eq 5 ]]; then
    echo "python-tests: pytest collected no tests" >&2
    status=1
fi
echo "python-tests: venv and build $((built - started))s, tests $(($(date +%s) - built))s"
exit $status
