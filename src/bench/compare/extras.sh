#!/usr/bin/env bash
# The rows docs/performance.md adds beside the side-by-side run of run.sh: smooth activations on the structured
# path against relu on the same shapes, a 1M-parameter relu network, the structured path on 1 and 2 threads, and
# where the start-up of a whole `java -jar ... check` goes (class-load timestamps of -Xlog:class+load).
# Writes src/bench/compare/results/extras.jsonl (one JSON object a line) and startup.txt. Run after run.sh (it uses
# the jars that run.sh built). Knobs: MAX_SECONDS per check [120], BUDGET [5].
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
BENCH=$ROOT/src/bench/target/benchmarks.jar
CLI=$ROOT/reference-nets/target/gradcheck.jar
OUT=$HERE/results/extras.jsonl
MAX_SECONDS=${MAX_SECONDS:-120}
BUDGET=${BUDGET:-5}
: > "$OUT"
measure() { java -cp "$BENCH" dev.gradcheck.bench.Measure check --budget "$BUDGET" --max-seconds "$MAX_SECONDS" "$@" | tee -a "$OUT"; }
echo "{\"run\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"commit\": \"$(git -C "$ROOT" rev-parse --short HEAD)\", \"load\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" | tee -a "$OUT"
for g in relu tanh sigmoid; do
    measure --activation "$g" 784,128,64,10
done
measure --activation tanh 100,100,100,10
measure --activation relu 100,100,100,10
measure --activation tanh 784,512,512,10
measure --activation relu 784,1024,256,10
for t in 1 2; do
    java -Dgradcheck.structured.threads=$t -cp "$BENCH" dev.gradcheck.bench.Measure check --activation tanh \
        --budget "$BUDGET" --max-seconds "$MAX_SECONDS" 784,128,64,10 | sed "s/^{/{\"structuredThreads\": $t, /" | tee -a "$OUT"
done
java -cp "$BENCH" dev.gradcheck.bench.Measure dgemm 10x64x8192 64x128x8192 1024x1024x1024 | tee -a "$OUT"
# Start-up: where a whole check of 100-100-100-10 spends its time, from the class-load log's timestamps.
A="check --layers 100,100,100,10 --batch 64 --lambda 0.7"
{
    for launcher in "java -jar $CLI" "$ROOT/reference-nets/target/gradcheck"; do
        for i in 1 2 3 4 5; do
            /usr/bin/time -f "%e s wall, %U s user, %S s sys :: ${launcher##*/}" $launcher $A > /dev/null
        done
    done 2>&1
    java -Xlog:class+load:file="$HERE/results/class-load.txt":uptime -jar "$CLI" $A > /dev/null
    for c in 'dev.gradcheck.nets.cli.Main ' 'picocli.CommandLine ' 'dev.gradcheck.nets.cli.CheckCommand ' \
             'dev.gradcheck.nets.Blas ' 'org.bytedeco.javacpp.Loader ' 'dev.gradcheck.GradientCheck ' \
             'dev.gradcheck.NumericalGradient ' 'dev.gradcheck.ReportText ' 'java.lang.Shutdown '; do
        grep -m1 "] $c" "$HERE/results/class-load.txt" | sed 's/ source:.*//'
    done
    echo "classes loaded: $(wc -l < "$HERE/results/class-load.txt"), from the JDK's CDS archive: $(grep -c 'shared objects file' "$HERE/results/class-load.txt")"
} | tee "$HERE/results/startup.txt"
rm -f "$HERE/results/class-load.txt"
