#!/bin/bash
# One sitting: before (6966e66) and after jars, JMH in memory, then the load driver.
OUT=/work/main/benchmarks/results/as-users-final
B=/tmp/before/benchmarks.jar; A=/tmp/after/benchmarks.jar
PROF="-prof gc -prof dev.bedrockconverse.benchmarks.CpuProfiler"
ROWS='AsUsersRunItBenchmark.(rawCall|oursNoopCall|starterCall|starterChatClientCall|rawStreamPerDelta|oursNoopStreamPerDelta|starterStreamPerDelta|starterChatClientStreamPerDelta)$'
up() { echo "# $(date -u +%H:%M:%S) $(uptime)" >> $OUT/$1.uptime; }
run() { name=$1; shift; up $name; "$@" > $OUT/$name.txt 2>&1; up $name; }
run jmh-after  java -jar $A "$ROWS" -f 2 -wi 8 -w 2s -i 5 -r 2s $PROF
run jmh-before java -jar $B "$ROWS" -f 2 -wi 8 -w 2s -i 5 -r 2s $PROF
run jmh-after-bridge java -jar $A 'AsUsersRunItBenchmark.raw(|NoopPublisher|Publisher)Call$' -f 2 -wi 8 -w 2s -i 5 -r 2s $PROF
run jmh-after-parts java -jar $A 'AsUsersRunItBenchmark.starter(Call|StreamPerDelta)$' -p config=sdk-meters,no-bedrock-meters,no-token-usage,no-long-task-timer,no-observation -f 1 -wi 8 -w 2s -i 4 -r 2s $PROF
run load-after-h2c java -Xms1g -Xmx1g -cp $A dev.bedrockconverse.benchmarks.LoadDriver --mode both --impls raw,meters --protocol h2c --calls 2000 --streams 300 --rounds 6 --concurrency 1
run load-after-http1 java -Xms1g -Xmx1g -cp $A dev.bedrockconverse.benchmarks.LoadDriver --mode stream --impls raw,meters --protocol http1 --streams 300 --rounds 6 --concurrency 1
run load-before java -Xms1g -Xmx1g -cp $B dev.bedrockconverse.benchmarks.LoadDriver --mode both --impls raw,meters --calls 2000 --streams 300 --rounds 6 --concurrency 1
echo done > $OUT/.done
