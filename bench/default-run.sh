#!/usr/bin/env bash
# The default full-run, measured: wall and CPU time with the load average before and after, per-phase
# seconds from the manifest, each phase's summary figures, and evaluate-generation of the final model
# (rlhf's policy) beside the model it started from (finetune's), on the main and the house-style test
# splits, so the policy's distances can be compared with the reference's on the same contexts.
# Usage: bench/default-run.sh RUN_DIR [full-run options...]   (RUN_DIR must not exist yet)
# Writes RUN_DIR plus RUN_DIR.bench/ (logs, evaluate-generation JSON, summary.txt); prints summary.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run="${1:?usage: bench/default-run.sh RUN_DIR [full-run options...]}"
shift
if [[ -e "$run" ]]; then
  echo "bench/default-run.sh: $run exists; choose a new folder (this measures a fresh run)" >&2
  exit 2
fi
out="$run.bench"
mkdir -p "$out"
ae="$here/auto-editor"
"$ae" --version >/dev/null 2>&1 || true   # builds the jar first, outside the timed run

uptime > "$out/load-before.txt"
start=$(date +%s.%N)
/usr/bin/time -f "%e s wall, %U s user, %S s system, %M KB peak RSS" -o "$out/time.txt" \
  "$ae" full-run --run-dir "$run" "$@" > "$out/full-run.log" 2>&1
uptime > "$out/load-after.txt"

eval_gen() {  # name, checkpoint, test-split exports...
  local name="$1" model="$2"
  shift 2
  "$ae" evaluate-generation --run-dir "$run" --model "$model" --json "$out/evalgen-$name.json" -q --input "$@" \
    > "$out/evalgen-$name.txt" 2>&1
}
# The test splits' exports, from each tree's splits.json.
splits_files() {  # preprocessed folder, raw folder
  python3 - "$1" "$2" <<'EOF'
import json, sys, os
splits = json.load(open(os.path.join(sys.argv[1], "splits.json")))
test = set(splits["projects"]["test"])   # project names: the export's file name without .xml
for root, _, files in sorted(os.walk(sys.argv[2])):
    for f in sorted(files):
        if f.endswith(".xml") and os.path.splitext(f)[0] in test:
            print(os.path.join(root, f))
EOF
}
mapfile -t main_files < <(splits_files "$run/data/preprocessed" "$run/data/raw")
mapfile -t house_files < <(splits_files "$run/data/finetune/preprocessed" "$run/data/finetune/raw")
final="$run/checkpoints/rlhf/last.json"
reference="$run/checkpoints/finetune/best.json"
if [[ -f "$final" && -f "$reference" ]]; then
  eval_gen policy-main "$final" "${main_files[@]}"
  eval_gen reference-main "$reference" "${main_files[@]}"
  eval_gen policy-house "$final" "${house_files[@]}"
  eval_gen reference-house "$reference" "${house_files[@]}"
fi

python3 - "$run" "$out" > "$out/summary.txt" <<'EOF'
import json, os, sys
run, out = sys.argv[1], sys.argv[2]
def load(p):
    p = os.path.join(run, p)
    return json.load(open(p)) if os.path.exists(p) else None
print("load before:", open(os.path.join(out, "load-before.txt")).read().strip())
print("load after: ", open(os.path.join(out, "load-after.txt")).read().strip())
print("time:", open(os.path.join(out, "time.txt")).read().strip().splitlines()[-1])
m = load("manifest.json")
for name, rec in m["phases"].items():
    print(f"  {name:24s} {rec.get('status',''):9s} {rec.get('seconds', 0) or 0:8.1f} s")
d = load("checkpoints/distill/summary.json")
if d:
    for k in ("teacher", "student", "scratch"):
        x = d[k]
        print(f"distill {k:8s} params {x['parameters']:7d} cut_f1 {x['cut_f1']:.4f} cut_ap {x['cut_ap']:.4f} "
              f"motion_mae {x['motion_mae_normalised']:.4f} windows/s {x['windows_per_s']}")
f = load("checkpoints/finetune/summary.json")
if f:
    for k in ("before", "after", "scratch"):
        x = f[k]
        print(f"finetune {k:8s} cut_f1 {x['cut_f1']:.4f} cut_ap {x['cut_ap']:.4f} motion_mae {x['motion_mae_normalised']:.4f} "
              f"val_loss {x['val_loss']:.4f}")
r = load("checkpoints/rlhf/summary.json")
if r:
    p, rm = r["policy"], r["reward_model"]
    print(f"rlhf pairs {r['pairs']['count']} ({r['pairs']['source']}), reward model held-out accuracy {rm['heldout_accuracy']:.3f}, "
          f"on policy samples {rm['policy_sample_accuracy']:.3f}")
    print(f"rlhf policy win rate {p['win_rate']:.3f} [{p['win_rate_low']:.3f}, {p['win_rate_high']:.3f}] over {p['contexts']} contexts, "
          f"ties {p['ties']}, KL {p['kl_to_reference']:.2f}")
for tree in ("main", "house"):
    a = os.path.join(out, f"evalgen-policy-{tree}.json")
    b = os.path.join(out, f"evalgen-reference-{tree}.json")
    if not (os.path.exists(a) and os.path.exists(b)):
        continue
    pa, pb = json.load(open(a))["predictors"]["model"], json.load(open(b))["predictors"]["model"]
    print(f"evaluate-generation, {tree} test split: policy vs reference (policy / reference - 1)")
    for k in ("cuts_per_min_abs_error", "shot_length_w1_s", "visible_tracks_abs_error", "source_return_rate_abs_error",
              "scale_w1", "position_w1"):
        x, y = pa.get(k), pb.get(k)
        if isinstance(x, (int, float)) and isinstance(y, (int, float)):
            rel = f"{x / y - 1:+.1%}" if y else "n/a"
            print(f"  {k:30s} {x:10.4f} {y:10.4f}  {rel}")
EOF
cat "$out/summary.txt"
