#!/bin/bash
# Findings per rule over the ten WMT22 system files (figures only, never run in tests).
#   benchmarks/wmt_rule_counts.sh [REPO]     REPO: a checkout to run (default: this one)
# Needs ../shared/realdata beside the repository.
set -euo pipefail
repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
data="$repo/../shared/realdata/wmt22"
cd "$repo"
for pair in uk-en ru-en; do
  d=$data/$pair; l=${pair%-en}
  for f in "$d"/generaltest2022.$pair.hyp.*; do
    PYTHONPATH=$repo python -m mtcheck check --isolated --fail-on never --mt "$f" \
      --src "$d/generaltest2022.$pair.src.$l" --docids <(tail -n +2 "$d/generaltest2022.$pair.docids.tsv" | cut -f2) \
      --src-lang "$l" --tgt-lang en --format jsonl -j 2 2>/dev/null
  done
done | python -c "
import sys, json, collections
counts = collections.Counter(json.loads(line)['rule'] for line in sys.stdin if line.strip())
for rule, n in sorted(counts.items()):
    print(rule, n)"
