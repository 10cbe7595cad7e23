package dev.gradcheck.bench;

import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Network;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.nets.NetworkCheck;
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
 * The full check of each reference network in-process after warm-up: exactly what {@code gradcheck.jar check
 * --layers ... --batch 64 --lambda 0.7} runs ({@link NetworkCheck#run} at ε = 1e-7, default threads, kink detection
 * and ε sweep on), without the JVM start.
 *
 * <pre>java -jar src/bench/target/benchmarks.jar FullCheck -p layers=4-5-3-1,10-100-25-1</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class FullCheckBenchmark {
    @Param({"4-5-3-1", "10-100-25-1", "100-100-100-10", "784-128-64-10"})
    public String layers;

    private Network net;

    @Setup(Level.Trial)
    public void build() {
        net = Networks.build(layers);
    }

    @Benchmark
    public GradCheckReport fullCheck() {
        return NetworkCheck.run(net, GradientCheck.DEFAULT_EPSILON, 0);
    }
}
