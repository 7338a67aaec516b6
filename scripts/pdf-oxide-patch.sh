#!/usr/bin/env bash
# Writes vendor/pdf_oxide.patch: the difference between the pdf_oxide release
# vendored under vendor/pdf_oxide (the version in Cargo.lock) and that release
# as published on crates.io, so that the patch stays small, reviewable, and can
# be offered upstream (docs/pdf-backend.md, "Patched pdf_oxide").
#
# Usage: scripts/pdf-oxide-patch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' vendor/pdf_oxide/Cargo.toml | head -1)"
pristine="$(mktemp -d /tmp/pdf_oxide-pristine.XXXXXX)"
trap 'rm -rf "$pristine"' EXIT
# The published crate, as cargo downloaded it (or fetch it with curl).
src="$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/pdf_oxide-"$version" 2>/dev/null | head -1 || true)"
if [ -z "$src" ]; then
    curl -sSfL "https://static.crates.io/crates/pdf_oxide/pdf_oxide-$version.crate" | tar -xz -C "$pristine"
    src="$pristine/pdf_oxide-$version"
fi
# Compared from inside a scratch folder so the paths read a/… and b/….
mkdir -p "$pristine/cmp"
cp -r "$src" "$pristine/cmp/a"
cp -r vendor/pdf_oxide "$pristine/cmp/b"
rm -f "$pristine/cmp/a/.cargo-ok" "$pristine/cmp/b/.cargo-ok"
(cd "$pristine/cmp" && git diff --no-index --stat=100 a b || true)
(cd "$pristine/cmp" && git diff --no-index a b || true) | grep -v '^index ' \
    | sed -e 's|^diff --git a/a/\(.*\) b/b/|diff --git a/\1 b/|; s|^--- a/a/|--- a/|; s|^+++ b/b/|+++ b/|' \
    > vendor/pdf_oxide.patch
echo "wrote vendor/pdf_oxide.patch ($(grep -c '^@@' vendor/pdf_oxide.patch) hunks) against pdf_oxide $version"
