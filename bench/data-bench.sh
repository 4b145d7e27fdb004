#!/usr/bin/env bash
# Measures preprocess (rows/s) and window (windows/s) on a large seeded keyframe CSV, with a small heap
# to show memory does not grow with the CSV. Usage: bench/data-bench.sh [ROWS] [WORKDIR] [HEAP]
# Needs `mvn -o test-compile` first (the CSV generator is the test fixture KeyframeCsvFixture).
set -euo pipefail
ROWS=${1:-5000000}
WORK=${2:-/tmp/auto-editor-data-bench}
HEAP=${3:-256m}
cd "$(dirname "$0")/.."
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK.cp" >/dev/null
CP="target/classes:target/test-classes:$(cat "$WORK.cp")"
mkdir -p "$WORK"
CSV="$WORK/keyframes.csv"
if [ ! -f "$CSV" ]; then
  java -cp "$CP" dev.autoeditor.data.KeyframeCsvFixture "$CSV" "$ROWS" 42
fi
ls -l "$CSV"
rm -rf "$WORK/pre" "$WORK/win"
run() { /usr/bin/time -v java -Xmx"$HEAP" -cp "$CP" dev.autoeditor.cli.Main "$@" 2>&1 | grep -vE '^\s+(Average|Socket|Signals|Swaps|Page size|Exit|Major|Minor|Voluntary|Involuntary|File system)'; }
run preprocess --input "$CSV" --output "$WORK/pre"
run window --input "$WORK/pre" --output "$WORK/win"
du -sh "$WORK/win"
