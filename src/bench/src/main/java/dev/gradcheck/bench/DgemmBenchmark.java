package dev.gradcheck.bench;

import dev.gradcheck.nets.Blas;
import dev.gradcheck.nets.Matrix;
import org.openjdk.jmh.annotations.AuxCounters;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Plain DGEMM through {@link Blas#gemm} (cblas_dgemm, row-major) at the shapes a check multiplies, "RxKxC" for
 * C (R×C) = A (R×K) · B (K×C). Reported twice: operations per second (one op = one product) and the auxiliary
 * counter {@code gflop}, whose ops/s is the achieved GFLOP/s (2·R·K·C per product).
 *
 * <ul>
 *   <li>128x784x64, 64x128x64, 10x64x64: one forward pass of 784-128-64-10 over the batch of 64 (the plain path);</li>
 *   <li>100x100x64, 10x100x64: one forward pass of 100-100-100-10;</li>
 *   <li>64x128x8192, 10x64x8192, 100x100x8192: the layers above a perturbed one with 128 perturbations stacked
 *       side by side (64·128 columns), the shape of a batched structured evaluation;</li>
 *   <li>1024x1024x1024: the machine's large-matrix DGEMM rate.</li>
 * </ul>
 * {@code threads} 0 keeps OpenBLAS's default thread count, otherwise it is set with blas_set_num_threads.
 *
 * <pre>java -jar src/bench/target/benchmarks.jar Dgemm -p threads=1,0</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DgemmBenchmark {
    @Param({"128x784x64", "64x128x64", "10x64x64", "100x100x64", "10x100x64", "64x128x8192", "10x64x8192",
            "100x100x8192", "1024x1024x1024"})
    public String shape;

    @Param({"0"})
    public int threads;

    private Matrix a;
    private Matrix b;
    private Matrix c;
    private double gflop;

    /** The achieved rate: each product adds its GFLOP, JMH divides by the time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rate {
        public double gflop;

        @Setup(Level.Iteration)
        public void clear() {
            gflop = 0;
        }
    }

    @Setup(Level.Trial)
    public void allocate() {
        int[] s = Networks.parse(shape);
        if (threads > 0) {
            Blas.threads(threads);
        }
        Random rnd = new Random(1);
        a = random(s[0], s[1], rnd);
        b = random(s[1], s[2], rnd);
        c = new Matrix(s[0], s[2]);
        gflop = Flops.gemm(s[0], s[1], s[2]) / 1e9;
    }

    @Benchmark
    public Matrix dgemm(Rate rate) {
        Blas.gemm(1.0, a, false, b, false, 0.0, c);
        rate.gflop += gflop;
        return c;
    }

    static Matrix random(int rows, int cols, Random rnd) {
        Matrix m = new Matrix(rows, cols);
        double[] d = m.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextGaussian();
        }
        return m;
    }
}
