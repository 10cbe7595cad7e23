package dev.gradcheck.bench;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Network;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Fast mode ({@code GradientCheck.fast(d)}: d random directions, 2 cost evaluations each, plus one backprop) on the
 * largest reference network, in-process after warm-up. A correct network stays GOOD, so no full check follows.
 *
 * <pre>java -jar src/bench/target/benchmarks.jar FastCheck</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FastCheckBenchmark {
    @Param({"784-128-64-10"})
    public String layers;

    @Param({"8"})
    public int directions;

    private Network net;

    @Setup(Level.Trial)
    public void build() {
        net = Networks.build(layers);
    }

    @Benchmark
    public GradCheckReport fastCheck() {
        return GradientCheck.of(net).fast(directions).progress(false).run();
    }
}
