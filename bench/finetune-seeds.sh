#!/usr/bin/env bash
# The fine-tuning results of docs/finetune.md: for each seed, the default `full-run` in its own run
# directory, then the same run directory with a house-style corpus of PROJECTS2 projects (pretraining
# and its data are reused; only the fine-tuning phases run again). Keeps every summary.json, manifest
# and timing in OUT and prints the table (bench/finetune_table.py).
# Usage: bench/finetune-seeds.sh OUT "SEEDS" [PROJECTS2] [--set KEY=VALUE ...]
#   e.g. bench/finetune-seeds.sh /tmp/ft-seeds "42 43 44" 48
# Run from the project root; the launcher builds the jar first if needed. Hours on a busy 2-core machine.
set -euo pipefail
out=$1
seeds=$2
larger=${3:-48}
shift $(( $# >= 3 ? 3 : 2 ))
mkdir -p "$out"
for seed in $seeds; do
  run="$out/run-$seed"
  for projects in 12 "$larger"; do
    tag="$seed-$projects"
    echo "seed $seed, $projects house-style projects: load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/progress.txt"
    /usr/bin/time -f "%e s wall, %U s user, %S s system" -o "$out/time-$tag.txt" \
      nice ./auto-editor full-run -q --run-dir "$run" --set "seed=$seed" --set "finetune.synth_projects=$projects" "$@" \
      > "$out/log-$tag.txt" 2>&1
    cp "$run/checkpoints/finetune/summary.json" "$out/summary-$tag.json"
    cp "$run/manifest.json" "$out/manifest-$tag.json"
    echo "  done: $(cat "$out/time-$tag.txt"), load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/progress.txt"
  done
done
python3 bench/finetune_table.py "$out"
