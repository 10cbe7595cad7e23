package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Rng;

/**
 * Left-right flips where the label allows them: an example of class k is flipped, with probability p, only when
 * its mirror image is an example of a class, {@code mirror[k]} (k itself for a symmetric glyph, the other one of a
 * mirrored pair such as L and J), and then labelled {@code mirror[k]}. Classes with {@code mirror[k] = −1} are left
 * as they are. Labels are one-hot (softmax-ce).
 */
public final class HorizontalFlip implements Augmentation {
    private final int[] mirror;
    private final double p;

    /**
     * @param mirror for each class, the class of its mirror image, or −1 when flipping would make a non-example
     * @param p      the probability of flipping a flippable example
     */
    public HorizontalFlip(int[] mirror, double p) {
        for (int k = 0; k < mirror.length; k++) {
            int to = mirror[k];
            if (to < -1 || to >= mirror.length || (to >= 0 && mirror[to] != k)) {
                throw new IllegalArgumentException("mirror[" + k + "] = " + to + " is not a class whose mirror is "
                        + k + ": a mirror image's mirror image is the original");
            }
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("the flip probability must be in [0, 1], got " + p);
        }
        this.mirror = mirror.clone();
        this.p = p;
    }

    /** The image mirrored left-right: out(r, c) = in(r, w − 1 − c). Its own inverse. */
    public static Image mirrored(Image in) {
        Image out = Image.blank(in.shape());
        for (int r = 0; r < in.height(); r++) {
            for (int c = 0; c < in.width(); c++) {
                for (int ch = 0; ch < in.shape().channels(); ch++) {
                    out.set(r, c, ch, in.get(r, in.width() - 1 - c, ch));
                }
            }
        }
        return out;
    }

    @Override
    public Dataset apply(Dataset images, Rng rng) {
        Augmentation.requireImages(images, "a horizontal flip");
        Matrix y = images.Y();
        if (y.rows() != mirror.length) {
            throw new IllegalArgumentException("a horizontal flip for " + mirror.length + " classes got labels Y of "
                    + y.shape());
        }
        Matrix x = images.X().copy();
        Matrix labels = y.copy();
        for (int j = 0; j < images.m(); j++) {
            int k = classOf(y, j);
            // One draw per example, flippable or not, so the stream does not depend on the labels.
            boolean flip = rng.nextDouble() < p;
            if (mirror[k] >= 0 && flip) {
                mirrored(Image.column(images.X(), j, images.shape())).into(x, j);
                labels.set(k, j, 0);
                labels.set(mirror[k], j, 1);
            }
        }
        return new Dataset(x, labels, images.shape());
    }

    /** The class of one-hot column j. */
    private static int classOf(Matrix y, int j) {
        int k = -1;
        for (int r = 0; r < y.rows(); r++) {
            if (y.get(r, j) == 1) {
                if (k >= 0) {
                    throw new IllegalArgumentException("a horizontal flip needs one-hot labels; column " + j
                            + " of Y has more than one 1");
                }
                k = r;
            } else if (y.get(r, j) != 0) {
                throw new IllegalArgumentException("a horizontal flip needs one-hot labels; Y[" + r + "][" + j
                        + "] = " + y.get(r, j));
            }
        }
        if (k < 0) {
            throw new IllegalArgumentException("a horizontal flip needs one-hot labels; column " + j + " of Y has no 1");
        }
        return k;
    }
}
