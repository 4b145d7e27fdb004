#!/usr/bin/env bash
# Win rate against KL over fixed betas: rlhf rerun in copies of a finished run directory, one per beta,
# with rlhf.kl.mode=fixed. Resumable: a beta whose run finished (OUT-BETA.done) is skipped.
# Usage: bench/rlhf-beta-curve.sh RUN_DIR OUT_PREFIX [BETA ...]   (default betas 0.01 0.05 0.2)
# RLHF_ARGS adds options to each rlhf call, e.g. RLHF_ARGS='--profile rlhf'.
# Prints per beta: beta, win rate, Wilson low, high, KL to the reference, contexts, reward-model accuracy.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
base="${1:?usage: bench/rlhf-beta-curve.sh RUN_DIR OUT_PREFIX [BETA ...]}"
prefix="${2:?usage: bench/rlhf-beta-curve.sh RUN_DIR OUT_PREFIX [BETA ...]}"
shift 2
betas=("$@")
((${#betas[@]})) || betas=(0.01 0.05 0.2)
for beta in "${betas[@]}"; do
  d="$prefix-$beta"
  [[ -f "$d.done" ]] && continue
  rm -rf "$d"
  cp -r "$base" "$d"
  uptime > "$d.load"
  # shellcheck disable=SC2086 # RLHF_ARGS is a list of options
  /usr/bin/time -f "%e s wall %U s user" -o "$d.time" "$here/auto-editor" rlhf --run-dir "$d" --force ${RLHF_ARGS:-} \
    --set rlhf.kl.mode=fixed --set "rlhf.kl.beta=$beta" > "$d.log" 2>&1 || { echo "beta $beta failed: see $d.log" >&2; continue; }
  uptime >> "$d.load"
  touch "$d.done"
done
for beta in "${betas[@]}"; do
  d="$prefix-$beta"
  [[ -f "$d.done" ]] || continue
  python3 - "$d/checkpoints/rlhf/summary.json" "$beta" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); p = r["policy"]
print(sys.argv[2], round(p["win_rate"], 3), round(p["win_rate_low"], 3), round(p["win_rate_high"], 3),
      round(p["kl_to_reference"], 2), p["contexts"], round(r["reward_model"]["heldout_accuracy"], 3))
PY
  cat "$d.time" "$d.load"
done
