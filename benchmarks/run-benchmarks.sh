#!/usr/bin/env bash
# Runs every measurement in BENCHMARKS.md, in one sitting, and keeps the raw output.
# Build first:  mvn -pl benchmarks -am package -DskipTests
# Then:         benchmarks/run-benchmarks.sh            (about 20 minutes on 2 cores)
# Results go to benchmarks/results/<timestamp>/ (override with OUT=...).
# Only 127.0.0.1 is contacted: the stub is started by the drivers themselves.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || { echo "build first: mvn -pl benchmarks -am package -DskipTests" >&2; exit 1; }
OUT=${OUT:-benchmarks/results/$(date -u +%Y%m%d-%H%M)}
mkdir -p "$OUT"
# Many short alternating rounds rather than a few long ones: on a shared machine the
# median of many paired ratios is steadier than a few long runs.
CALLS=${CALLS:-3000}
STREAMS=${STREAMS:-400}
ROUNDS=${ROUNDS:-15}
WARMUP=${WARMUP:-3}
C=${C:-4}
JMH_OPTS=${JMH_OPTS:--f 1 -wi 3 -i 5 -w 2s -r 2s}
# Real HTTP needs a longer warm-up before the JIT settles.
JMH_E2E_OPTS=${JMH_E2E_OPTS:--f 1 -wi 6 -i 5 -w 2s -r 2s}

{
  echo "date: $(date -u +%FT%TZ)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo || true
  java -version 2>&1
  echo "load before: $(cat /proc/loadavg)"
  echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
} | tee "$OUT/machine.txt"

LD="java -Xms1g -Xmx1g -cp $JAR dev.bedrockconverse.benchmarks.LoadDriver"
# Concurrency 1: latency and time to first token without queueing on 2 cores;
# concurrency $C: throughput with the client saturated.
for c in 1 "$C"; do
  $LD --mode call --calls "$CALLS" --rounds "$ROUNDS" --concurrency "$c" --warmup-fraction "$WARMUP" | tee "$OUT/load-call-c$c.txt"
  $LD --mode stream --streams "$STREAMS" --rounds "$ROUNDS" --concurrency "$c" --warmup-fraction "$WARMUP" | tee "$OUT/load-stream-c$c.txt"
done
# Pinned: the client JVM on CPU 0, the stub on CPU 1, so the client's own CPU is what
# limits throughput and a client-side cost is not diluted by the stub's share of the cores.
taskset -c 0 $LD --mode call --calls "$CALLS" --rounds "$ROUNDS" --concurrency "$C" --warmup-fraction "$WARMUP" --stub-cpus 1 | tee "$OUT/load-call-c$C-pinned.txt"
taskset -c 0 $LD --mode stream --streams "$STREAMS" --rounds "$ROUNDS" --concurrency "$C" --warmup-fraction "$WARMUP" --stub-cpus 1 | tee "$OUT/load-stream-c$C-pinned.txt"
# shellcheck disable=SC2086
java -jar "$JAR" 'AdapterOverheadBenchmark|MappingBenchmark' $JMH_OPTS -prof gc -rf json -rff "$OUT/jmh-inmemory.json" | tee "$OUT/jmh-inmemory.txt"
# shellcheck disable=SC2086
java -jar "$JAR" AsUsersRunItBenchmark $JMH_OPTS -prof gc -prof dev.bedrockconverse.benchmarks.CpuProfiler -rf json -rff "$OUT/jmh-as-users.json" | tee "$OUT/jmh-as-users.txt"
# shellcheck disable=SC2086
java -jar "$JAR" EndToEndBenchmark $JMH_E2E_OPTS -prof gc -rf json -rff "$OUT/jmh-e2e.json" | tee "$OUT/jmh-e2e.txt"
java -cp "$JAR" dev.bedrockconverse.benchmarks.startup.StartupDriver --pairs 12 | tee "$OUT/startup.txt"
echo "load after: $(cat /proc/loadavg)" | tee -a "$OUT/machine.txt"
grep -h '^SUMMARY' "$OUT"/load-*.txt "$OUT/startup.txt"
