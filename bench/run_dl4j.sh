#!/bin/sh
# Times the DL4J training step (`auto-editor bench train-step`, reference size) for each ND4J build
# (Maven classifier) and thread setting given, appending one JSON document per run to OUT.
# Usage: bench/run_dl4j.sh OUT "CLASSIFIER ..." "OMP_NUM_THREADS:--threads:--blas-threads ..." [STEPS]
#   e.g. bench/run_dl4j.sh bench/results/dl4j.jsonl "linux-x86_64-onednn-avx2" "2:0:0 2:2:1"
# Run from the project root after `mvn -o compile`. Each classifier's classpath comes from Maven
# (`-Dnd4j.classifier=...`); JavaCPP loads the most specific build on the classpath, and the
# report's backend.native_build shows which one it was.
set -eu
out=$1
classifiers=$2
settings=$3
steps=${4:-10}
mkdir -p "$(dirname "$out")"
for c in $classifiers; do
  cp_file=$(mktemp)
  mvn -q -B -o dependency:build-classpath -Dnd4j.classifier="$c" -Dmdep.outputFile="$cp_file" >/dev/null
  for s in $settings; do
    omp=$(echo "$s" | cut -d: -f1)
    threads=$(echo "$s" | cut -d: -f2)
    blas=$(echo "$s" | cut -d: -f3)
    json=$(mktemp --suffix=.json)
    rm -f "$json"
    echo "$c OMP_NUM_THREADS=$omp --threads $threads --blas-threads $blas (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    OMP_NUM_THREADS=$omp java -Xmx4g -cp "target/classes:$(cat "$cp_file")" dev.autoeditor.cli.Main \
      bench train-step -q --size reference --warmup 3 --steps "$steps" --threads "$threads" --blas-threads "$blas" \
      --json "$json" | sed 's/^/  /' >&2
    tr -d '\n' < "$json" >> "$out"
    echo >> "$out"
    rm -f "$json"
  done
  rm -f "$cp_file"
done
