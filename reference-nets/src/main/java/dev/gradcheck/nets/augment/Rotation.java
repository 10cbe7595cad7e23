package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Rng;

/**
 * Small random rotations about the image centre: an angle drawn uniformly in [−max, max] degrees, each output pixel
 * read bilinearly from where the rotation takes it from (0 outside the image).
 */
public final class Rotation extends Warp {
    private final double maxDegrees;

    /** @param maxDegrees the largest angle, each way (0 to 180) */
    public Rotation(double maxDegrees) {
        if (!(maxDegrees >= 0 && maxDegrees <= 180)) {
            throw new IllegalArgumentException("the largest rotation must be in [0, 180] degrees, got " + maxDegrees);
        }
        this.maxDegrees = maxDegrees;
    }

    /**
     * The image rotated by {@code degrees} about its centre ((h − 1)/2, (w − 1)/2), clockwise on screen (rows point
     * down): out(p) = in(centre + R(−θ)·(p − centre)).
     */
    public static Image by(Image in, double degrees) {
        double a = Math.toRadians(degrees);
        double cos = Math.cos(a);
        double sin = Math.sin(a);
        double cy = (in.height() - 1) / 2.0;
        double cx = (in.width() - 1) / 2.0;
        Image out = Image.blank(in.shape());
        for (int r = 0; r < in.height(); r++) {
            for (int c = 0; c < in.width(); c++) {
                double y = r - cy;
                double x = c - cx;
                double fromX = cx + cos * x + sin * y;
                double fromY = cy - sin * x + cos * y;
                for (int ch = 0; ch < in.shape().channels(); ch++) {
                    out.set(r, c, ch, in.at(fromY, fromX, ch));
                }
            }
        }
        return out;
    }

    @Override
    Image warp(Image image, Rng rng) {
        return by(image, maxDegrees * (2 * rng.nextDouble() - 1));
    }

    @Override
    String name() {
        return "a rotation";
    }
}
