package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Rng;

/**
 * Random shifts: each image moved by whole pixels dy, dx drawn uniformly in [−k, k], with zeros moved in at the
 * border. The same as padding the image by k pixels of zeros and cropping a random h×w window.
 */
public final class Shift extends Warp {
    private final int k;

    /** @param k the largest shift, in pixels, each way (k ≥ 0) */
    public Shift(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("the largest shift must be ≥ 0 pixels, got " + k);
        }
        this.k = k;
    }

    /** The image moved down by dy and right by dx pixels: out(r, c) = in(r − dy, c − dx), 0 where that is outside. */
    public static Image by(Image in, int dy, int dx) {
        Image out = Image.blank(in.shape());
        for (int r = 0; r < in.height(); r++) {
            for (int c = 0; c < in.width(); c++) {
                for (int ch = 0; ch < in.shape().channels(); ch++) {
                    out.set(r, c, ch, in.get(r - dy, c - dx, ch));
                }
            }
        }
        return out;
    }

    @Override
    Image warp(Image image, Rng rng) {
        int dy = rng.nextInt(2 * k + 1) - k;
        int dx = rng.nextInt(2 * k + 1) - k;
        return by(image, dy, dx);
    }

    @Override
    String name() {
        return "a shift";
    }
}
