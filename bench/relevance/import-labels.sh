#!/usr/bin/env bash
# Copies the labellers' judgements into judgements.tsv: topic, article (a path under the
# BBC corpus), label (yes/no) and the half it belongs to. The half is decided by the
# article's path alone (the CRC-32 of "politics/001.txt", even: tune, odd: test), so an
# article is in the same half for every topic and a new judgement never moves an old one.
# No article text and no labeller's note is copied: the corpus is copyrighted.
# Usage: bench/relevance/import-labels.sh [LABELS_DIR]   (default /work/labels)
set -euo pipefail
labels="${1:-/work/labels}"
here="$(cd "$(dirname "$0")" && pwd)"
{
  printf 'topic\tarticle\tlabel\thalf\n'
  for file in "$labels"/judgements-*.tsv; do
    tail -n +2 "$file"
  done | awk -F'\t' 'NF >= 3 && ($3 == "yes" || $3 == "no") { print $1 "\t" $2 "\t" $3 }' \
    | sort -u -t$'\t' -k1,1 -k2,2 \
    | python3 -c '
import sys, zlib
for line in sys.stdin:
    topic, article, label = line.rstrip("\n").split("\t")
    half = "tune" if zlib.crc32(article.encode()) % 2 == 0 else "test"
    print(f"{topic}\t{article}\t{label}\t{half}")
'
} > "$here/judgements.tsv"
echo "$(($(wc -l < "$here/judgements.tsv") - 1)) judgements in $here/judgements.tsv"
