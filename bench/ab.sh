#!/bin/sh
# Paired A/B timing of the DL4J training step on a shared machine: runs A then B (or B then A, the order
# alternating per pair), PAIRS times, each `bench train-step --size reference`, and appends one JSON line
# per run to OUT with its label, pair number and the load average. A and B differ by their compiled
# classes (a change to the code: build it into another folder) and/or their options: each word of OPTS
# that starts with "-" is a JVM option, each NAME=VALUE word an environment variable (e.g. MALLOC_ARENA_MAX=2).
# Usage: bench/ab.sh OUT LABEL_A CLASSES_A "JVM_OPTS_A" LABEL_B CLASSES_B "JVM_OPTS_B" [PAIRS] [STEPS]
#   e.g. bench/ab.sh bench/results/ab-gc.jsonl gc-full target/classes "" gc-concurrent target/classes \
#        "-XX:+ExplicitGCInvokesConcurrent" 3 5
# Thread settings come from the environment as for the launcher (OMP_NUM_THREADS, OMP_WAIT_POLICY);
# the runs use --threads "$OMP_NUM_THREADS" --blas-threads 1. bench/summarise_ab.py prints the medians.
set -eu
out=$1; label_a=$2; classes_a=$3; opts_a=$4; label_b=$5; classes_b=$6; opts_b=$7
pairs=${8:-3}
steps=${9:-5}
threads=${OMP_NUM_THREADS:-2}
mkdir -p "$(dirname "$out")"
cp_file=$(mktemp)
mvn -q -B -o dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
run() { # label classes opts pair
  json=$(mktemp -u --suffix=.json)
  jvm=""; envs=""
  for word in $3; do
    case $word in -*) jvm="$jvm $word" ;; *=*) envs="$envs $word" ;; *) echo "not an option or NAME=VALUE: $word" >&2; exit 2 ;; esac
  done
  # shellcheck disable=SC2086
  env $envs nice java -Xmx4g $jvm -cp "$2:$(cat "$cp_file")" dev.autoeditor.cli.Main bench train-step -q --size reference \
    --warmup 2 --steps "$steps" --threads "$threads" --blas-threads 1 --json "$json" > /dev/null
  printf '{"label": "%s", "pair": %s, "jvm_opts": "%s", "OMP_WAIT_POLICY": "%s", ' "$1" "$4" "$3" "${OMP_WAIT_POLICY:-}" >> "$out"
  tr -d '\n' < "$json" | sed 's/^{//' >> "$out"
  echo >> "$out"
  rm -f "$json"
  tail -n 1 "$out" | /usr/bin/python3 -c 'import json,sys; print("  %(label)16s pair %(pair)s: median %(median_ms)s ms, peak RSS %(peak_rss_mb)s MB, load %(load_average_before).1f" % json.load(sys.stdin))' >&2
}
for p in $(seq 1 "$pairs"); do
  if [ $((p % 2)) -eq 1 ]; then
    run "$label_a" "$classes_a" "$opts_a" "$p"; run "$label_b" "$classes_b" "$opts_b" "$p"
  else
    run "$label_b" "$classes_b" "$opts_b" "$p"; run "$label_a" "$classes_a" "$opts_a" "$p"
  fi
done
rm -f "$cp_file"
/usr/bin/python3 "$(dirname "$0")/summarise_ab.py" "$out"
