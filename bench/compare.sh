#!/bin/sh
# Paired timing on a shared machine: for each ND4J build (classifier) and thread setting, one PyTorch
# run at its chosen setting and one DL4J run back to back, so both see about the same machine load.
# Appends one JSON line per run to OUT (field "framework" tells them apart; "pair" links them).
# Usage: bench/compare.sh OUT "CLASSIFIER ..." "OMP:THREADS:BLAS ..." [STEPS] [TORCH_SETTING] [REPEATS]
#   TORCH_SETTING = "threads interop OMP_NUM_THREADS OPENBLAS_NUM_THREADS" (default "1 1 1 1")
#   REPEATS = pairs per build and setting (default 1); the order alternates, PyTorch first in odd pairs,
#   DL4J first in even ones, so a load that drifts during a pair favours neither side on balance.
# Run from the project root after `mvn -o compile`. OMP_WAIT_POLICY, when set, applies to both sides
# and is recorded in the pair name.
set -eu
out=$1
classifiers=$2
settings=$3
steps=${4:-5}
torch_setting=${5:-"1 1 1 1"}
repeats=${6:-1}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$(dirname "$out")"
run_torch() { # pair
  set -- "$1" $torch_setting
  OMP_NUM_THREADS=$4 OPENBLAS_NUM_THREADS=$5 nice /usr/bin/python3 "$here/pytorch_step.py" --threads "$2" --interop "$3" \
    --warmup 2 --steps "$steps" 2>/dev/null | sed "s|^{|{\"pair\": \"$1\", |" >> "$out"
}
run_dl4j() { # pair OMP:THREADS:BLAS
  omp=$(echo "$2" | cut -d: -f1)
  threads=$(echo "$2" | cut -d: -f2)
  blas=$(echo "$2" | cut -d: -f3)
  json=$(mktemp -u --suffix=.json)
  OMP_NUM_THREADS=$omp nice java -Xmx4g -cp "target/classes:$(cat "$cp_file")" dev.autoeditor.cli.Main \
    bench train-step -q --size reference --warmup 2 --steps "$steps" --threads "$threads" --blas-threads "$blas" \
    --json "$json" > /dev/null
  printf '{"pair": "%s", "OMP_NUM_THREADS": "%s", ' "$1" "$omp" >> "$out"
  tr -d '\n' < "$json" | sed 's/^{//' >> "$out"
  echo >> "$out"
  rm -f "$json"
}
for c in $classifiers; do
  cp_file=$(mktemp)
  mvn -q -B -o dependency:build-classpath -Dnd4j.classifier="$c" -Dmdep.outputFile="$cp_file" >/dev/null
  for s in $settings; do
    for r in $(seq 1 "$repeats"); do
      pair="$c/$s${OMP_WAIT_POLICY:+/wait=$OMP_WAIT_POLICY}/$(date +%H%M%S)"
      if [ $((r % 2)) -eq 1 ]; then run_torch "$pair"; run_dl4j "$pair" "$s"; else run_dl4j "$pair" "$s"; run_torch "$pair"; fi
      /usr/bin/python3 "$here/summarise.py" "$out" 1 | tail -n 1 >&2
    done
  done
  rm -f "$cp_file"
done
