#!/usr/bin/python3
"""The fine-tuning table of docs/finetune.md: per corpus size, each model's mean and sample standard
deviation over the seeds, and whether `after` beats `before` and `scratch` (its mean better by more
than the larger of the two standard deviations) on cut F1 (higher is better) and motion MAE (lower is
better).

  bench/finetune_table.py OUT                       the summary-SEED-PROJECTS.json files of bench/finetune-seeds.sh
  bench/finetune_table.py bench/results/finetune.jsonl [OUT]
                                                    the appended lines (only those of OUT when given),
                                                    grouped by finetune.head_lr and corpus size"""
import glob
import json
import os
import re
import statistics
import sys

MODELS = ["before", "after", "scratch"]
KEYS = ["cut_f1", "cut_ap", "mae_normalised", "motion_mae_normalised", "asset_accuracy", "val_loss"]
LOWER_IS_BETTER = {"mae_normalised", "motion_mae_normalised", "val_loss"}


def load(folder):
    runs = {}
    for path in sorted(glob.glob(os.path.join(folder, "summary-*-*.json"))):
        seed, projects = re.match(r"summary-(\d+)-(\d+)\.json", os.path.basename(path)).groups()
        runs.setdefault(int(projects), {})[int(seed)] = json.load(open(path))
    return runs


def load_lines(path, out=None):
    """{(head_lr, projects): {seed: record}} from bench/results/finetune.jsonl; a later line of the
    same seed and setting replaces an earlier one."""
    runs = {}
    for line in open(path):
        r = json.loads(line)
        if out is None or r.get("out") == out:
            runs.setdefault((r["training"]["head_lr"], r["synth_projects"]), {})[r["seed"]] = r
    return runs


def stats(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def fmt(value, digits):
    return "n/a" if value is None else f"{value:.{digits}f}"


def beats(key, after, other):
    (ma, sa), (mo, so) = after, other
    if ma is None or mo is None:
        return "n/a"
    gain = (mo - ma) if key in LOWER_IS_BETTER else (ma - mo)
    return "yes" if gain > max(sa, so) else "no"


def main(source, out=None):
    if source.endswith(".jsonl"):
        groups = {f"finetune.head_lr {lr}, {projects}": runs for (lr, projects), runs in sorted(load_lines(source, out).items())}
    else:
        groups = {str(projects): runs for projects, runs in sorted(load(source).items())}
    for projects, by_seed in groups.items():
        seeds = sorted(by_seed)
        print(f"\n{projects} house-style projects, seeds {', '.join(map(str, seeds))} "
              f"(test windows {', '.join(str(by_seed[s]['data']['test_windows']) for s in seeds)}): mean ± sample sd\n")
        print("| metric | " + " | ".join(MODELS) + " | after beats before | after beats scratch |")
        print("|---|" + "---|" * (len(MODELS) + 2))
        for key in KEYS:
            s = {m: stats([by_seed[seed][m][key] for seed in seeds]) for m in MODELS}
            digits = 5 if key.startswith(("mae", "motion")) else 4
            cells = [f"{fmt(s[m][0], digits)} ± {fmt(s[m][1], digits)}" for m in MODELS]
            print(f"| {key} | " + " | ".join(cells) + f" | {beats(key, s['after'], s['before'])} | {beats(key, s['after'], s['scratch'])} |")
        print("\nper seed (cut_f1 / motion_mae_normalised):")
        for seed in seeds:
            row = ", ".join(f"{m} {fmt(by_seed[seed][m]['cut_f1'], 4)} / {fmt(by_seed[seed][m]['motion_mae_normalised'], 5)}" for m in MODELS)
            print(f"  seed {seed}: {row}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
