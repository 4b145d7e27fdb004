#!/usr/bin/env bash
# The distillation benchmark of issue 12 (docs/distill.md): on the `full` profile's corpus,
#   1. a capacity curve: from-scratch models of about 30k, 126k, 0.45M and 2.2M parameters (cut F1 and AP);
#   2. the 2.2M model of step 1 (the `full` profile's model) as the teacher, and for each seed a student
#      (distill.model.* of the full profile, 0.44M) distilled from it and the same student from scratch;
#   3. `auto-editor bench distill` on them: the targets, with a bootstrap interval.
#
#   bench/distill.sh [OUT_DIR]
#
# Resumable: each run leaves OUT_DIR/.../.done when it finishes and is skipped after that; an
# interrupted training run continues from its last checkpoint (--resume); each measurement is
# appended once to RESULTS/distill-capacity.jsonl or RESULTS/distill.jsonl (RESULTS=bench/results; its
# OUT_DIR/.../.benched marker keeps it from being appended twice). Runs under `nice -n 10`.
#
# Environment:
#   PROFILE=full        the corpus and model sizes (tiny: a smoke run of the harness in a few minutes)
#   SEEDS="1 2 3"       student seeds
#   EPOCHS=             if set, train.epochs and distill.epochs for every run (the full profile's 30 take
#                       hours per model on a shared 2-core machine; docs/distill.md says what was run)
#   EXTRA="--set k=v"   more settings for every command
#   RESULTS=bench/results  where the JSON lines are appended (a smoke run: somewhere else)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-runs/bench-distill}"
profile="${PROFILE:-full}"
seeds="${SEEDS:-1 2 3}"
read -r -a extra <<< "${EXTRA:-}"
if [[ -n "${EPOCHS:-}" ]]; then extra+=(--set "train.epochs=$EPOCHS" --set "distill.epochs=$EPOCHS"); fi
results="${RESULTS:-bench/results}"
mkdir -p "$out" "$results"
windows="$out/data/windows"

ae() { nice -n 10 ./auto-editor "$@" --profile "$profile" "${extra[@]}"; }
log() { echo "== $(date -u +%H:%M:%S) $*"; }

# 1. The corpus: the profile's synthetic projects, converted, split and windowed.
if [[ ! -f "$out/data/.done" ]]; then
  log "corpus ($profile profile)"
  ae synth --out "$out/data/xml" --force
  ae convert --input "$out/data/xml" --output "$out/data/keyframes.csv" --force
  ae preprocess --input "$out/data/keyframes.csv" --output "$out/data/prep" --force
  ae window --input "$out/data/prep" --output "$windows" --force
  touch "$out/data/.done"
fi

# Trains one model from scratch into DIR (resuming an interrupted run), unless DIR/.done.
pretrain() {
  local dir="$1"; shift
  if [[ -f "$dir/.done" ]]; then log "$dir: done, skipped"; return; fi
  if [[ -f "$dir/last.json" ]]; then
    log "$dir: resuming"; ae pretrain --data "$windows" --out "$dir" --resume "$@"
  else
    log "$dir: training"; ae pretrain --data "$windows" --out "$dir" --force "$@"
  fi
  touch "$dir/.done"
}

# 2. The capacity curve. name d_model heads layers ff asset_embedding
capacity=(
  "30k 32 4 1 64 8"
  "126k 64 4 2 192 8"
  "450k 128 4 2 384 16"
  "2.2m 256 8 3 768 16"
)
if [[ "$profile" == tiny ]]; then
  capacity=("3k 4 2 1 8 2" "12k 16 2 1 32 4")
fi
for entry in "${capacity[@]}"; do
  read -r name d heads layers ff emb <<< "$entry"
  dir="$out/capacity/$name"
  pretrain "$dir" --set "model.d_model=$d" --set "model.heads=$heads" --set "model.layers=$layers" --set "model.ff=$ff" \
    --set "model.asset_embedding=$emb"
  if [[ ! -f "$dir/.benched" ]]; then
    ae bench distill --data "$windows" --model "$dir" --label "capacity $name ($profile${EPOCHS:+, $EPOCHS epochs})" --json "$results/distill-capacity.jsonl"
    touch "$dir/.benched"
  fi
done
teacher="$out/capacity/${name}"   # the largest: the profile's reference model

# 3. Students: distilled from the teacher, and the same architecture from scratch (distill writes both).
students=()
controls=()
for seed in $seeds; do
  dir="$out/students/seed$seed"
  if [[ -f "$dir/.done" ]]; then
    log "$dir: done, skipped"
  elif [[ -f "$dir/last.json" ]]; then
    log "$dir: resuming"; ae distill --data "$windows" --teacher "$teacher" --out "$dir" --resume --set "seed=$seed"; touch "$dir/.done"
  else
    log "$dir: distilling"; ae distill --data "$windows" --teacher "$teacher" --out "$dir" --force --set "seed=$seed"; touch "$dir/.done"
  fi
  students+=(--student "$dir")
  controls+=(--scratch "$dir/scratch")
done

if [[ ! -f "$out/students/.benched" ]]; then
  log "teacher, students and controls side by side"
  ae bench distill --data "$windows" --teacher "$teacher" "${students[@]}" "${controls[@]}" \
    --label "distill ($profile${EPOCHS:+, $EPOCHS epochs}, seeds $seeds)" --json "$results/distill.jsonl"
  touch "$out/students/.benched"
fi
log "done: $results/distill-capacity.jsonl, $results/distill.jsonl"
