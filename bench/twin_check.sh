#!/bin/sh
# Is the PyTorch twin in step with the Java graph? Exports the Java model's weights, a fixed batch and
# its loss and gradient norm (`bench twin-export`, reference size by default), then bench/twin_check.py
# loads them into the twin and compares. Exit 1 on a mismatch. Needs /usr/bin/python3 with torch
# (Debian: apt-get install python3-torch libopenblas0-pthread) and `mvn -o compile` first.
# Usage: bench/twin_check.sh [SIZE] [RTOL]   SIZE = reference (default) or config
set -eu
here=$(cd "$(dirname "$0")" && pwd)
size=${1:-reference}
rtol=${2:-1e-4}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp_file="$dir/classpath"
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
java -Xmx4g -cp "target/classes:$(cat "$cp_file")" dev.autoeditor.cli.Main bench twin-export -q --size "$size" --out "$dir/twin" >&2
/usr/bin/python3 "$here/twin_check.py" "$dir/twin" --rtol "$rtol"
