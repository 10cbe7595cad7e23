package dev.gradcheck.nets;

/**
 * The shape of one example: height × width × channels, flattened into a column of X the way the course stacks
 * images (numpy's {@code reshape(m, -1).T} of an m×h×w×c array): pixel (r, c), channel k is entry
 * (r·width + c)·channels + k of the column. A plain feature vector of n numbers is n×1×1.
 */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("an image shape needs height, width and channels ≥ 1, got " + height
                    + "×" + width + "×" + channels);
        }
    }

    /** n features with no image structure: n×1×1. */
    public static ImageShape vector(int n) {
        return new ImageShape(n, 1, 1);
    }

    /** h·w·c, the rows of X. */
    public int size() {
        return height * width * channels;
    }

    /** The row of X that holds pixel (r, c), channel k. */
    public int index(int r, int c, int k) {
        return (r * width + c) * channels + k;
    }

    /** Whether this is an image (more than one column of pixels), not a plain vector. */
    public boolean isImage() {
        return width > 1;
    }

    @Override
    public String toString() {
        return height + "×" + width + "×" + channels;
    }
}
