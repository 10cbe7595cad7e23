package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.ImageShape;
import dev.gradcheck.nets.Rng;

/**
 * Elastic-style distortions, after Simard, Steinkraus and Platt (2003): a smooth random displacement field moves
 * each pixel by at most {@code alpha} pixels, neighbouring pixels together, and each output pixel is read bilinearly
 * from where its displacement points. Strokes bend a little, as a hand's do, without the glyph moving as a whole.
 * The field is smooth because it is random only at control points {@code cell} pixels apart (uniform in [−1, 1]
 * per direction) and bilinear in between (Simard et al. blur a per-pixel random field with a Gaussian instead; the
 * control grid gives the same kind of field at a fraction of the cost), then scaled so its largest value is alpha.
 */
public final class ElasticDistortion extends Warp {
    private final double alpha;
    private final double cell;

    /**
     * @param alpha the largest displacement, in pixels (≥ 0)
     * @param cell  the spacing of the random control displacements, in pixels (≥ 1): larger is smoother
     */
    public ElasticDistortion(double alpha, double cell) {
        if (!(alpha >= 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("the largest displacement alpha must be a finite number ≥ 0 pixels, got "
                    + alpha);
        }
        if (!(cell >= 1) || !Double.isFinite(cell)) {
            throw new IllegalArgumentException("the control-point spacing must be a finite number ≥ 1 pixel, got "
                    + cell);
        }
        this.alpha = alpha;
        this.cell = cell;
    }

    /**
     * The image with each pixel (r, c) read from (r + dy[r·w + c], c + dx[r·w + c]): the displacement field in
     * pixels, row-major h×w, shared by the channels.
     */
    public static Image displace(Image in, double[] dy, double[] dx) {
        int h = in.height();
        int w = in.width();
        if (dy.length != h * w || dx.length != h * w) {
            throw new IllegalArgumentException("a displacement field of a " + h + "×" + w + " image needs " + h * w
                    + " values per direction, got " + dy.length + " and " + dx.length);
        }
        Image out = Image.blank(in.shape());
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                for (int ch = 0; ch < in.shape().channels(); ch++) {
                    out.set(r, c, ch, in.at(r + dy[r * w + c], c + dx[r * w + c], ch));
                }
            }
        }
        return out;
    }

    /** A smooth random field of h×w displacements whose largest magnitude is {@code alpha} (all 0 when alpha is 0). */
    double[] field(int h, int w, Rng rng) {
        int rows = (int) Math.ceil((h - 1) / cell) + 1;
        int cols = (int) Math.ceil((w - 1) / cell) + 1;
        Image control = Image.blank(new ImageShape(rows, cols, 1));
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                control.set(r, c, 0, 2 * rng.nextDouble() - 1);
            }
        }
        double[] f = new double[h * w];
        double max = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                f[r * w + c] = control.at(r / cell, c / cell, 0);
                max = Math.max(max, Math.abs(f[r * w + c]));
            }
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = max == 0 ? 0 : alpha * f[i] / max;
        }
        return f;
    }

    @Override
    Image warp(Image image, Rng rng) {
        double[] dy = field(image.height(), image.width(), rng);
        double[] dx = field(image.height(), image.width(), rng);
        return displace(image, dy, dx);
    }

    @Override
    String name() {
        return "an elastic distortion";
    }
}
