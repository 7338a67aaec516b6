#!/usr/bin/env bash
# Scores the extractor on the seeds (gold/) and on the development corpus
# (fixtures/real/ against gold/real/) with ../shared/tools/score.py.
#   scripts/score.sh            one summary line per document, then the overall of each set
#   scripts/score.sh --verbose  with every missed or extra task, owner and indicator
set -euo pipefail
cd "$(dirname "$0")/.."
scorer=../shared/tools/score.py
[ -f "$scorer" ] || { echo "score.sh: $scorer not found (../shared must sit beside the repository)" >&2; exit 2; }
cargo build -q --release -p policy-extract
bin=target/release/policy-extract
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/seeds" "$out/real"
for f in seeds/*.txt; do
  "$bin" "$f" > "$out/seeds/$(basename "$f" .txt).json"
done
for g in gold/real/*.gold.json; do
  stem=$(basename "$g" .gold.json)
  f=$(ls fixtures/real/"$stem".* 2>/dev/null | head -n 1)
  [ -n "$f" ] || { echo "score.sh: no fixture for $stem" >&2; continue; }
  "$bin" "$f" > "$out/real/$stem.json" || echo "score.sh: policy-extract failed on $f" >&2
done
echo "Seeds (gold/):"
python3 "$scorer" --dir gold --pred-dir "$out/seeds" "$@"
echo
echo "Development corpus (fixtures/real/ against gold/real/):"
python3 "$scorer" --dir gold/real --pred-dir "$out/real" "$@"
