#!/usr/bin/env bash
# The issue's data-preparation measurement on a synth + convert CSV (about 5.39 million rows): writes
# 2400 synthetic projects of 300-600 s, converts them at 5 fps, then times preprocess and window with a
# 64 MB heap. Usage: bench/data-bench-synth.sh [WORKDIR]  (needs `mvn -o compile` first; ~10 GB of disk)
set -euo pipefail
WORK=${1:-/tmp/auto-editor-data-bench-synth}
cd "$(dirname "$0")/.."
mkdir -p "$WORK"
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
CP="target/classes:$(cat "$WORK/classpath.txt")"
T='WALL %e s USER %U s SYS %S s MAXRSS %M KB'
if [ ! -f "$WORK/keyframes.csv" ]; then
  java -cp "$CP" dev.autoeditor.cli.Main synth --out "$WORK/xml" --projects 2400 --seed 42 \
      --set synth.min_duration_s=300 --set synth.max_duration_s=600
  java -Xmx1g -cp "$CP" dev.autoeditor.cli.Main convert -q --input "$WORK/xml" --output "$WORK/keyframes.csv"
fi
rm -rf "$WORK/pre" "$WORK/win"
/usr/bin/time -f "$T" java -Xmx64m -cp "$CP" dev.autoeditor.cli.Main preprocess --input "$WORK/keyframes.csv" --output "$WORK/pre"
/usr/bin/time -f "$T" java -Xmx64m -cp "$CP" dev.autoeditor.cli.Main window --input "$WORK/pre" --output "$WORK/win"
du -sh "$WORK/win"
