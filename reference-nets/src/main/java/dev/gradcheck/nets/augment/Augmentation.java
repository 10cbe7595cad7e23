package dev.gradcheck.nets.augment;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Rng;

import java.util.List;

/**
 * Data augmentation: a seeded transform of a set of image examples into new examples of the same shape and (up to
 * a flip's relabelling) the same classes. Applied to the training set only, freshly each epoch, never to dev or test
 * data: those measure the task as it is.
 */
public interface Augmentation {

    /** New examples made from {@code images} (which are not changed), one per example, same shape. */
    Dataset apply(Dataset images, Rng rng);

    /** The transforms one after another, each on the output of the one before. */
    static Augmentation of(Augmentation... steps) {
        List<Augmentation> all = List.of(steps);
        return (images, rng) -> {
            Dataset d = images;
            for (Augmentation a : all) {
                d = a.apply(d, rng);
            }
            return d;
        };
    }

    /** Checks that {@code images} are images (not plain feature vectors), naming the transform that needs them. */
    static void requireImages(Dataset images, String transform) {
        if (!images.shape().isImage()) {
            throw new IllegalArgumentException(transform + " needs image examples (h×w×c), got examples of shape "
                    + images.shape());
        }
    }
}
