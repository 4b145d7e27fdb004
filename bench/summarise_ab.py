#!/usr/bin/python3
"""Prints the A/B runs of bench/ab.sh (a JSON-lines file): every run, then per label the median over runs
of each run's median step time, the median peak RSS, and the load averages seen."""
import json
import statistics
import sys


def main(path):
    runs = [json.loads(line) for line in open(path) if line.strip()]
    print(f"{'label':>18} {'pair':>4} {'median ms':>10} {'no-GC ms':>9} {'peak RSS MB':>12} {'load':>5}")
    for r in runs:
        print(f"{r['label']:>18} {r['pair']:>4} {r['median_ms']:>10.1f} {r.get('compute_median_ms', float('nan')):>9.1f} "
              f"{r.get('peak_rss_mb', float('nan')):>12.0f} {r['load_average_before']:>5.1f}")
    labels = list(dict.fromkeys(r["label"] for r in runs))
    print()
    for label in labels:
        mine = [r for r in runs if r["label"] == label]
        print(f"{label:>18}: median of {len(mine)} runs {statistics.median(r['median_ms'] for r in mine):.1f} ms, "
              f"peak RSS {statistics.median(r.get('peak_rss_mb', float('nan')) for r in mine):.0f} MB, "
              f"load {min(r['load_average_before'] for r in mine):.1f}-{max(r['load_average_before'] for r in mine):.1f}")
    if len(labels) == 2:
        a, b = labels
        ratios = []
        for p in sorted(set(r["pair"] for r in runs)):
            ra = [r for r in runs if r["pair"] == p and r["label"] == a]
            rb = [r for r in runs if r["pair"] == p and r["label"] == b]
            if ra and rb:
                ratios.append(rb[0]["median_ms"] / ra[0]["median_ms"])
        if ratios:
            print(f"{b} / {a} per pair: {', '.join(f'{x:.3f}' for x in ratios)}; median {statistics.median(ratios):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
