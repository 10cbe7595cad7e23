package dev.gradcheck.nets;

/**
 * The seeded random generator behind everything random in the engine (initialization, dropout masks, data,
 * shuffles): SplitMix64, whose whole state is one {@code long}, so a network can be copied together with the exact
 * position of its generator ({@link #copy()}), which {@link java.util.SplittableRandom} cannot do.
 */
public final class Rng {
    private long state;

    public Rng(long seed) {
        this.state = seed;
    }

    /** An independent generator at the same position: both produce the same sequence from here on. */
    public Rng copy() {
        Rng r = new Rng(0);
        r.state = state;
        return r;
    }

    /** A new generator seeded from this one (for a separate stream, e.g. masks apart from weights). */
    public Rng split() {
        return new Rng(nextLong());
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {0, ..., bound − 1}. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Standard normal, by Box–Muller (one of the pair is used, so the state stays a single long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // (0, 1]: log(u1) is finite
        double u2 = nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A random permutation of 0..n−1 (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
