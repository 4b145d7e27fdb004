#!/usr/bin/env bash
# The fine-tuning results of docs/finetune.md: for each seed, the default `full-run` up to finetune in
# its own run directory (rlhf, samples and report switched off: they come after finetune and do not
# change it), then the same run directory with a house-style corpus of PROJECTS2 projects (download-data
# .. distill are reused; only the four finetune data phases and finetune run again). Prints the table
# (bench/finetune_table.py).
#
#   bench/finetune-seeds.sh OUT "SEEDS" [PROJECTS2] [--set KEY=VALUE ...]
#   e.g. bench/finetune-seeds.sh /tmp/ft-seeds "42 43 44" 48
#
# Resumable: a finished (seed, corpus) leaves OUT/summary-SEED-PROJECTS.json and is skipped after that;
# an interrupted one is started again and `full-run` skips the phases already done (an interrupted
# training phase resumes from its checkpoint). Each finished one is appended once to
# RESULTS/finetune.jsonl (RESULTS=bench/results; a smoke run: somewhere else): the summary's figures,
# the per-phase seconds from manifest.json, the process's wall and CPU time and the load average before
# and after (other jobs share the machine). Kept in OUT as well: summaries, manifests, logs, timings.
# Run from anywhere; the launcher builds the jar first if needed. Runs under `nice -n 10`.
set -euo pipefail
out=$(realpath -m "$1")
cd "$(dirname "$0")/.."
seeds=$2
larger=${3:-48}
shift $(( $# >= 3 ? 3 : 2 ))
results="${RESULTS:-bench/results}"
mkdir -p "$out" "$results"
upto=(--set rlhf.enabled=false --set samples.enabled=false --set report.enabled=false)
load() { cut -d' ' -f1-3 /proc/loadavg; }
for seed in $seeds; do
  run="$out/run-$seed"
  for projects in 12 "$larger"; do
    tag="$seed-$projects"
    if [[ -f "$out/summary-$tag.json" ]]; then
      echo "seed $seed, $projects house-style projects: done, skipped" | tee -a "$out/progress.txt"
      continue
    fi
    before=$(load)
    echo "seed $seed, $projects house-style projects: $(date -u +%FT%TZ), load $before" | tee -a "$out/progress.txt"
    /usr/bin/time -f "%e %U %S" -o "$out/time-$tag.txt" \
      nice -n 10 ./auto-editor full-run -q --run-dir "$run" --set "seed=$seed" --set "finetune.synth_projects=$projects" \
      "${upto[@]}" "$@" > "$out/log-$tag.txt" 2>&1
    after=$(load)
    cp "$run/manifest.json" "$out/manifest-$tag.json"
    python3 - "$out" "$run" "$tag" "$seed" "$projects" "$before" "$after" "$*" >> "$results/finetune.jsonl" <<'EOF'
import json, sys
out, run, tag, seed, projects, before, after, extra = sys.argv[1:]
summary = json.load(open(f"{run}/checkpoints/finetune/summary.json"))
manifest = json.load(open(f"{out}/manifest-{tag}.json"))
wall, user, system = (float(x) for x in open(f"{out}/time-{tag}.txt").read().split()[-3:])
phases = {name: {"status": r.get("status"), "seconds": r.get("seconds"), "attempts": r.get("attempts")}
          for name, r in manifest["phases"].items()}
print(json.dumps({
    "label": f"finetune seed {seed}, {projects} house-style projects" + (f" ({extra})" if extra else ""),
    "out": out, "seed": int(seed), "synth_projects": int(projects), "extra_settings": extra,
    "before": summary["before"], "after": summary["after"], "scratch": summary["scratch"],
    "models": summary["models"], "data": summary["data"], "training": summary["training"],
    "phase_seconds": phases,
    "process": {"wall_s": wall, "user_s": user, "system_s": system},
    "load_before": before, "load_after": after,
    "finished": manifest.get("updatedAt"),
}))
EOF
    # The summary goes last: its presence marks the pair finished (and its line appended).
    cp "$run/checkpoints/finetune/summary.json" "$out/summary-$tag.json.tmp"
    mv "$out/summary-$tag.json.tmp" "$out/summary-$tag.json"
    echo "  done: $(cat "$out/time-$tag.txt") (wall, user, system s), load $after" | tee -a "$out/progress.txt"
  done
done
python3 bench/finetune_table.py "$out"
