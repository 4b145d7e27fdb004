#!/usr/bin/python3
"""Prints the paired runs of bench/compare.sh (a JSON-lines file) as a table: one row per pair. The DL4J
figure is its median wall time per step, everything included (older rows, before issue 17: without the
per-step GC); "load" is the 1-minute load average when the PyTorch run started; RSS is each process's peak
resident memory where recorded."""
import json
import sys


def main(path, last=0):
    runs = [json.loads(line) for line in open(path) if line.strip()]
    pairs = {}
    for r in runs:
        pairs.setdefault(r.get("pair", "?"), {})[r["framework"]] = r
    rows = [(p, v) for p, v in pairs.items() if "dl4j" in v and "pytorch" in v]
    if last:
        rows = rows[-last:]
    print(f"{'pair':54} {'pytorch ms':>10} {'dl4j ms':>9} {'ratio':>6} {'load':>5} {'RSS MB torch/dl4j':>17}  dl4j build, OMP/BLAS threads")
    for p, v in rows:
        t, d = v["pytorch"], v["dl4j"]
        b = d["backend"]
        print(f"{p:54} {t['median_ms']:>10.1f} {d['median_ms']:>9.1f} {d['median_ms'] / t['median_ms']:>6.2f} "
              f"{t['load_average']:>5.1f} {t.get('peak_rss_mb', float('nan')):>8.0f}/{d.get('peak_rss_mb', float('nan')):<8.0f}  {b['native_build'].replace('nd4j-native-1.0.0-M2.1-', '')}, "
              f"{b['omp_threads_set']}/{b['blas_threads_set']}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 0)
