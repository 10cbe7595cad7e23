package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Rng;

/** A transform that moves pixels and keeps the label: each example warped on its own, Y copied. */
abstract class Warp implements Augmentation {

    /** The transformed copy of one image. */
    abstract Image warp(Image image, Rng rng);

    /** The name in error messages. */
    abstract String name();

    @Override
    public final Dataset apply(Dataset images, Rng rng) {
        Augmentation.requireImages(images, name());
        Matrix x = new Matrix(images.X().rows(), images.m());
        for (int j = 0; j < images.m(); j++) {
            warp(Image.column(images.X(), j, images.shape()), rng).into(x, j);
        }
        return new Dataset(x, images.Y().copy(), images.shape());
    }
}
