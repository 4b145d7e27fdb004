#!/bin/sh
# Sweeps PyTorch thread settings for bench/pytorch_step.py and appends one JSON line per setting to
# the file given (default bench/results/pytorch.jsonl). Uses Debian's /usr/bin/python3 (python3-torch
# with libopenblas0-pthread). Usage: bench/run_pytorch.sh [OUT] [STEPS]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/results/pytorch.jsonl}
steps=${2:-10}
mkdir -p "$(dirname "$out")"
# intra-op threads, inter-op threads, OMP_NUM_THREADS, OPENBLAS_NUM_THREADS
for setting in "1 1 1 1" "1 1 1 2" "2 1 2 1" "2 1 2 2" "2 2 2 2" "1 2 1 2"; do
  set -- $setting
  echo "threads=$1 interop=$2 OMP_NUM_THREADS=$3 OPENBLAS_NUM_THREADS=$4 (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  OMP_NUM_THREADS=$3 OPENBLAS_NUM_THREADS=$4 /usr/bin/python3 "$here/pytorch_step.py" \
    --threads "$1" --interop "$2" --warmup 3 --steps "$steps" 2>/dev/null >> "$out"
  tail -n 1 "$out" | /usr/bin/python3 -c 'import json,sys; r=json.load(sys.stdin); print("  median", r["median_ms"], "ms")' >&2
done
