package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Rng;

/**
 * Train/dev/test split by ratios (60/20/20 for small data, 98/1/1 for a million examples): the examples are
 * shuffled with a seed, then cut. Dev and test get round(m·ratio) examples each, train the rest, so the three are
 * disjoint and cover every example.
 */
public final class DataSplit {
    private DataSplit() {
    }

    /** The three sets. Dev or test may be empty (null) when their ratio is 0. */
    public record Split(Dataset train, Dataset dev, Dataset test) {
    }

    /**
     * @throws IllegalArgumentException when a ratio is negative, the ratios do not sum to 1, or the training set
     *                                  would be empty
     */
    public static Split split(Dataset data, double train, double dev, double test, long seed) {
        if (!(train > 0) || !(dev >= 0) || !(test >= 0)) {
            throw new IllegalArgumentException("ratios must be train > 0, dev ≥ 0, test ≥ 0; got " + train + "/" + dev
                    + "/" + test);
        }
        if (Math.abs(train + dev + test - 1) > 1e-9) {
            throw new IllegalArgumentException("ratios must sum to 1, got " + train + " + " + dev + " + " + test
                    + " = " + (train + dev + test));
        }
        int m = data.m();
        int nDev = (int) Math.round(m * dev);
        int nTest = (int) Math.round(m * test);
        int nTrain = m - nDev - nTest;
        if (nTrain < 1) {
            throw new IllegalArgumentException(m + " examples leave none for training with ratios " + train + "/"
                    + dev + "/" + test);
        }
        int[] order = new Rng(seed).permutation(m);
        return new Split(data.columns(slice(order, 0, nTrain)),
                nDev == 0 ? null : data.columns(slice(order, nTrain, nTrain + nDev)),
                nTest == 0 ? null : data.columns(slice(order, nTrain + nDev, m)));
    }

    private static int[] slice(int[] a, int from, int to) {
        int[] s = new int[to - from];
        System.arraycopy(a, from, s, 0, s.length);
        return s;
    }
}
