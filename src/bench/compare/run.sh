#!/usr/bin/env bash
# The side-by-side comparison of docs/performance.md, in one run on one machine:
#   gradcheck (our CLI as a whole `java -jar` process, and in-process after warm-up via the bench jar),
#   PyTorch's torch.autograd.gradcheck (full and fast_mode), DL4J's GradientCheckUtil (separate Maven project),
#   plain DGEMM at the shapes the check multiplies, and the peak heap of the largest check under -Xmx256m.
# Writes src/bench/compare/results/results.tsv (one row per measurement) and machine.json, then regenerates the
# generated section of docs/performance.md from them (report.py).
#
# Usage (from anywhere):  src/bench/compare/run.sh
# Environment knobs (defaults in brackets):
#   NETWORKS       layer specs, space-separated ["4,5,3,1 10,100,25,1 100,100,100,10 784,128,64,10"]
#   OUR_TIMEOUT    seconds before one of our runs is stopped [120]
#   PEER_TIMEOUT   seconds before a PyTorch or DL4J run is stopped [300]
#   BUDGET         seconds of repeated in-process runs after the first, for runs under 2 s [10]
#   SKIP_BUILD=1   use the jars already built (reference-nets/target/gradcheck.jar, src/bench/target/benchmarks.jar)
#   MVN_FLAGS      extra Maven flags for the builds, e.g. "-o" [none]
#   SKIP_PYTORCH=1, SKIP_DL4J=1, SKIP_DGEMM=1, SKIP_HEAP=1   leave a part out
#   OUR_ENV        extra environment for our runs only, e.g. "OPENBLAS_NUM_THREADS=1" [none]
#   RUN_JMH=1      also run the JMH suite (-f 1 -wi 3 -i 5) into results/jmh.json (not in the table)
#   CLI_JAR        the gradcheck CLI jar to measure [reference-nets/target/gradcheck.jar]
#   PYTHON         the Python with torch [/usr/bin/python3]
#   RESULTS        results directory [src/bench/compare/results];  DOC  the doc to regenerate [docs/performance.md]
#   NO_DOC=1       do not touch the doc (print the generated section instead)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
NETWORKS=${NETWORKS:-"4,5,3,1 10,100,25,1 100,100,100,10 784,128,64,10"}
OUR_TIMEOUT=${OUR_TIMEOUT:-120}
PEER_TIMEOUT=${PEER_TIMEOUT:-300}
BUDGET=${BUDGET:-10}
PYTHON=${PYTHON:-/usr/bin/python3}
RESULTS=${RESULTS:-$HERE/results}
DOC=${DOC:-$ROOT/docs/performance.md}
MVN_FLAGS=${MVN_FLAGS:-}
OUR_ENV=${OUR_ENV:-}
BATCH=64
LAMBDA=0.7
HEAP_LIMIT=256m
CLI=${CLI_JAR:-$ROOT/reference-nets/target/gradcheck.jar}
BENCH=$ROOT/src/bench/target/benchmarks.jar
DL4J_DIR=$HERE/dl4j

say() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

mkdir -p "$RESULTS"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
RUN_ID=$(date -u +%Y-%m-%dT%H:%M:%SZ)
TSV=$RESULTS/results.tsv
RECORD=("$PYTHON" "$HERE/report.py" record --tsv "$TSV" --run "$RUN_ID")
# One row (or several) of results.tsv; a failure to record is reported, never fatal to the run.
record() { "${RECORD[@]}" "$@" || say "  could not record: $*"; }

command -v "$PYTHON" >/dev/null || { say "no $PYTHON: it is needed for the results file and the report"; exit 2; }
[ -x /usr/bin/time ] || { say "/usr/bin/time is missing (Debian package 'time')"; exit 2; }

# ---------------------------------------------------------------- build
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    say "building reference-nets/target/gradcheck.jar and src/bench/target/benchmarks.jar (mvn package, no install)"
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never $MVN_FLAGS package -DskipTests -pl src/bench -am) >&2
fi
for jar in "$CLI" "$BENCH"; do
    [ -f "$jar" ] || { say "missing $jar: run without SKIP_BUILD, or mvn -B package -DskipTests"; exit 2; }
done

# ---------------------------------------------------------------- one measured process
# measure LIMIT OUTFILE CMD... : runs CMD under timeout and /usr/bin/time; sets STATUS (ok|stopped|failed),
# WALL (s) and RSS (MB). A stopped process's WALL is the limit.
measure() {
    local limit=$1 out=$2
    shift 2
    local rc=0
    # time(1) outside timeout(1): a stopped command is killed by timeout, and time still reports on it.
    /usr/bin/time -f '%e %M' -o "$TMP/time" timeout --kill-after=10 "$limit" "$@" >"$out" 2>"$TMP/stderr" || rc=$?
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
        STATUS=stopped; WALL=$limit; RSS=
    else
        # The CLI exits 1 for a BUG verdict: still a finished run; the verdict is recorded.
        if [ "$rc" = 0 ] || { [ "$rc" = 1 ] && [ -s "$out" ]; }; then STATUS=ok; else STATUS=failed; fi
        read -r WALL RSS_KB < <(tail -n 1 "$TMP/time") || true
        RSS=$(awk -v k="${RSS_KB:-0}" 'BEGIN { printf "%.1f", k / 1024 }')
    fi
    if [ "$STATUS" = failed ]; then
        say "  failed (exit $rc): $(tail -n 3 "$TMP/stderr" | tr '\n' ' ')"
    fi
}

# ---------------------------------------------------------------- the machine
say "machine"
java -cp "$BENCH" dev.gradcheck.bench.Measure machine >"$TMP/machine.json"
{
    echo "run=$RUN_ID"
    echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1) (family $(lscpu | sed -n 's/^CPU family: *//p' | head -n 1), model $(lscpu | sed -n 's/^Model: *//p' | head -n 1), AVX-512 $(grep -q avx512f /proc/cpuinfo && echo yes || echo no))"
    echo "cores=$(nproc)"
    echo "threads_per_core=$(lscpu | sed -n 's/^Thread(s) per core: *//p' | head -n 1)"
    echo "mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "kernel=$(uname -r)"
    echo "maven=$(mvn -v 2>/dev/null | head -n 1 | sed 's/\x1b\[[0-9;]*m//g')"
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$ROOT" status --porcelain -uno 2>/dev/null | grep -q . && echo '+uncommitted')"
    echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "our_timeout=$OUR_TIMEOUT"
    echo "peer_timeout=$PEER_TIMEOUT"
    echo "budget=$BUDGET"
    echo "our_env=$OUR_ENV"
} >"$TMP/machine.txt"

# A fresh results file per run: old runs stay in results/history/.
if [ -f "$TSV" ]; then
    mkdir -p "$RESULTS/history"
    mv "$TSV" "$RESULTS/history/results-$(date -u +%Y%m%dT%H%M%SZ).tsv"
fi

# ---------------------------------------------------------------- DGEMM
if [ "${SKIP_DGEMM:-0}" != 1 ]; then
    say "DGEMM at the check's shapes (1 thread and OpenBLAS's default)"
    # Each network's forward-pass products over the batch (R×K times K×64: the plain path), the products of the
    # layers above the first with 128 perturbations side by side (K×8192: a batched structured evaluation), and a
    # large square product for the machine's DGEMM peak.
    shapes=()
    for net in $NETWORKS; do
        IFS=, read -r -a n <<<"$net"
        for ((l = 1; l < ${#n[@]}; l++)); do shapes+=("${n[l]}x${n[l-1]}x$BATCH"); done
        for ((l = 2; l < ${#n[@]}; l++)); do shapes+=("${n[l]}x${n[l-1]}x$((BATCH * 128))"); done
    done
    shapes+=(1024x1024x1024)
    read -r -a shapes <<<"$(printf '%s\n' "${shapes[@]}" | awk '!seen[$0]++' | tr '\n' ' ')"
    for t in 1 0; do
        measure 300 "$TMP/dgemm.json" java -cp "$BENCH" dev.gradcheck.bench.Measure dgemm --threads "$t" "${shapes[@]}"
        record --tool dgemm --mode "threads=$([ "$t" = 0 ] && echo default || echo "$t")" --scope warm \
            --status "$STATUS" --json "$TMP/dgemm.json"
    done
fi

# ---------------------------------------------------------------- ours
cli_help=$(java -jar "$CLI" check --help 2>&1 || true)
# The CLI's fast mode, once it has one: "--fast" (a flag or an optional count) or "--fast=D" (a required count).
cli_fast=()
if grep -q -- '--fast=' <<<"$cli_help"; then
    cli_fast=(--fast=8)
elif grep -q -- '--fast' <<<"$cli_help"; then
    cli_fast=(--fast)
fi
for net in $NETWORKS; do
    say "gradcheck full, whole process: check --layers $net --batch $BATCH --lambda $LAMBDA"
    measure "$OUR_TIMEOUT" "$TMP/cli.json" env $OUR_ENV java -jar "$CLI" check --layers "$net" --batch "$BATCH" --lambda "$LAMBDA" --json
    record --tool gradcheck --mode full --scope process --layers "$net" --status "$STATUS" --wall "$WALL" \
        --rss "$RSS" --limit "$OUR_TIMEOUT" --json "$TMP/cli.json" --cli-json
    cli_status=$STATUS
    if [ "${#cli_fast[@]}" -gt 0 ]; then
        say "gradcheck fast, whole process: check ... ${cli_fast[*]}"
        measure "$OUR_TIMEOUT" "$TMP/clifast.json" env $OUR_ENV java -jar "$CLI" check --layers "$net" --batch "$BATCH" \
            --lambda "$LAMBDA" "${cli_fast[@]}" --json
        record --tool gradcheck --mode fast --scope process --layers "$net" --status "$STATUS" \
            --wall "$WALL" --rss "$RSS" --limit "$OUR_TIMEOUT" --json "$TMP/clifast.json" --cli-json
    fi
    if [ "$cli_status" = stopped ]; then
        say "gradcheck full, in-process: skipped, the whole process was stopped after $OUR_TIMEOUT s"
        record --tool gradcheck --mode full --scope warm --layers "$net" --status stopped --wall "$OUR_TIMEOUT" \
            --limit "$OUR_TIMEOUT" --note "not run: the whole-process check was stopped"
    else
        say "gradcheck full, in-process after warm-up"
        measure $((OUR_TIMEOUT + 60)) "$TMP/in.json" env $OUR_ENV java -cp "$BENCH" dev.gradcheck.bench.Measure check \
            --budget "$BUDGET" --max-seconds "$OUR_TIMEOUT" "$net"
        record --tool gradcheck --mode full --scope warm --layers "$net" --status "$STATUS" \
            --limit "$OUR_TIMEOUT" --json "$TMP/in.json"
    fi
    say "gradcheck fast (8 directions), in-process after warm-up"
    measure $((OUR_TIMEOUT + 60)) "$TMP/fast.json" env $OUR_ENV java -cp "$BENCH" dev.gradcheck.bench.Measure check --fast 8 \
        --budget "$BUDGET" --max-seconds "$OUR_TIMEOUT" "$net"
    record --tool gradcheck --mode fast --scope warm --layers "$net" --status "$STATUS" \
        --limit "$OUR_TIMEOUT" --json "$TMP/fast.json"
done

if [ "${SKIP_HEAP:-0}" != 1 ]; then
    big=${NETWORKS##* }
    say "peak heap: full check of $big under -Xmx$HEAP_LIMIT"
    measure $((OUR_TIMEOUT + 60)) "$TMP/heap.json" env $OUR_ENV java -Xmx$HEAP_LIMIT -cp "$BENCH" dev.gradcheck.bench.Measure heap \
        --max-seconds "$OUR_TIMEOUT" "$big"
    note=
    if grep -q OutOfMemoryError "$TMP/stderr"; then note="OutOfMemoryError under -Xmx$HEAP_LIMIT"; fi
    record --tool gradcheck --mode full --scope heap --layers "$big" --status "$STATUS" --wall "$WALL" \
        --rss "$RSS" --limit "$OUR_TIMEOUT" --json "$TMP/heap.json" --note "$note"
fi

# ---------------------------------------------------------------- PyTorch
if [ "${SKIP_PYTORCH:-0}" = 1 ]; then
    say "PyTorch: skipped (SKIP_PYTORCH=1)"
elif ! torch_version=$("$PYTHON" -c 'import torch; print(torch.__version__)' 2>/dev/null); then
    say "PyTorch: skipped, '$PYTHON' cannot import torch (Debian: apt-get install python3-torch)"
    record --tool pytorch --mode full --scope warm --status skipped --note "torch not importable"
else
    echo "pytorch=$torch_version" >>"$TMP/machine.txt"
    for mode in full fast; do
        flag=$([ "$mode" = fast ] && echo --fast || true)
        for net in $NETWORKS; do
            say "PyTorch $mode, $net: one call as a whole process"
            measure "$PEER_TIMEOUT" "$TMP/pt.json" "$PYTHON" "$HERE/pytorch_gradcheck.py" $flag "$net"
            record --tool pytorch --mode "$mode" --scope process --layers "$net" --status "$STATUS" \
                --wall "$WALL" --rss "$RSS" --limit "$PEER_TIMEOUT" --json "$TMP/pt.json"
            if [ "$STATUS" = ok ] && "$PYTHON" "$HERE/report.py" first-under "$TMP/pt.json" 2; then
                say "PyTorch $mode, $net: after warm-up"
                measure "$PEER_TIMEOUT" "$TMP/pt.json" "$PYTHON" "$HERE/pytorch_gradcheck.py" $flag --budget "$BUDGET" "$net"
            fi
            record --tool pytorch --mode "$mode" --scope warm --layers "$net" --status "$STATUS" \
                --wall "$WALL" --limit "$PEER_TIMEOUT" --json "$TMP/pt.json"
        done
    done
fi

# ---------------------------------------------------------------- DL4J
if [ "${SKIP_DL4J:-0}" = 1 ]; then
    say "DL4J: skipped (SKIP_DL4J=1)"
    record --tool dl4j --mode full --scope warm --status skipped --note "SKIP_DL4J=1"
else
    say "DL4J: resolving org.deeplearning4j:deeplearning4j-nn and nd4j-native 1.0.0-M2.1 (linux-x86_64) from Maven Central"
    if (cd "$DL4J_DIR" && mvn -B -q -Dstyle.color=never $MVN_FLAGS compile dependency:build-classpath \
            -Dmdep.outputFile=target/classpath.txt) >"$TMP/dl4j-build.log" 2>&1; then
        echo "dl4j=1.0.0-M2.1 (nd4j-native linux-x86_64)" >>"$TMP/machine.txt"
        DL4J_CP="$DL4J_DIR/target/classes:$(cat "$DL4J_DIR/target/classpath.txt")"
        for net in $NETWORKS; do
            say "DL4J full, $net: one check as a whole process"
            measure "$PEER_TIMEOUT" "$TMP/dl.json" java -cp "$DL4J_CP" dev.gradcheck.compare.Dl4jGradcheck \
                --batch "$BATCH" --lambda "$LAMBDA" "$net"
            record --tool dl4j --mode full --scope process --layers "$net" --status "$STATUS" --wall "$WALL" \
                --rss "$RSS" --limit "$PEER_TIMEOUT" --json "$TMP/dl.json"
            if [ "$STATUS" = ok ] && "$PYTHON" "$HERE/report.py" first-under "$TMP/dl.json" 2; then
                say "DL4J full, $net: after warm-up"
                measure "$PEER_TIMEOUT" "$TMP/dl.json" java -cp "$DL4J_CP" dev.gradcheck.compare.Dl4jGradcheck \
                    --batch "$BATCH" --lambda "$LAMBDA" --budget "$BUDGET" "$net"
            fi
            record --tool dl4j --mode full --scope warm --layers "$net" --status "$STATUS" --wall "$WALL" \
                --limit "$PEER_TIMEOUT" --json "$TMP/dl.json"
        done
    else
        say "DL4J: skipped, it did not resolve or build here (log: $RESULTS/dl4j-build.log);" \
            "docs/performance.md quotes the issue's numbers instead"
        cp "$TMP/dl4j-build.log" "$RESULTS/dl4j-build.log"
        record --tool dl4j --mode full --scope warm --status skipped \
            --note "DL4J 1.0.0-M2.1 did not resolve from Maven Central here"
    fi
fi

# ---------------------------------------------------------------- optional JMH
if [ "${RUN_JMH:-0}" = 1 ]; then
    say "JMH suite (-f 1 -wi 3 -i 5), small networks and DGEMM, into $RESULTS/jmh.json"
    java -jar "$BENCH" -f 1 -wi 3 -i 5 -rf json -rff "$RESULTS/jmh.json" \
        -p layers=4-5-3-1,10-100-25-1,100-100-100-10 FullCheck FastCheck Dgemm >"$RESULTS/jmh.txt" 2>&1 || \
        say "JMH failed, see $RESULTS/jmh.txt"
fi

# ---------------------------------------------------------------- machine and report
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$TMP/machine.txt"
"$PYTHON" "$HERE/report.py" machine --java-json "$TMP/machine.json" --facts "$TMP/machine.txt" \
    --out "$RESULTS/machine.json"
if [ "${NO_DOC:-0}" = 1 ]; then
    "$PYTHON" "$HERE/report.py" report --tsv "$TSV" --machine "$RESULTS/machine.json"
else
    "$PYTHON" "$HERE/report.py" report --tsv "$TSV" --machine "$RESULTS/machine.json" --doc "$DOC"
    say "wrote $TSV, $RESULTS/machine.json and the generated section of $DOC"
fi
