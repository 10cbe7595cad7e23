package dev.gradcheck.nets;

import dev.gradcheck.LayerFacts;

import java.util.ArrayList;
import java.util.List;

/**
 * What the network tells the checker about its layers ({@link dev.gradcheck.Layered}): blocks W[l] and b[l], the
 * hidden activation and its derivative, the dropout mask in force, m, and A[l−1] and Z[l] of a forward pass over the
 * training batch at the current parameters (with the masks frozen, the very masks of the check).
 */
final class Anatomy {
    private Anatomy() {
    }

    static List<LayerFacts> of(Layer[] layers, Backprop passes, Activation hidden, Dropout dropout, Dataset batch) {
        passes.forwardBatch();
        int depth = layers.length - 1;
        int m = batch.m();
        List<LayerFacts> facts = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            Layer layer = layers[l];
            double[] input = (l == 1 ? batch.X() : layers[l - 1].A).data().clone();
            boolean output = l == depth;
            Matrix mask = output ? null : dropout.lastMask(l);
            facts.add(new LayerFacts(l, "W" + l, "b" + l, layer.nOut(), layer.nIn(), m, input,
                    layer.Z.data().clone(), output ? null : hidden.label(), output ? null : hidden::g,
                    output ? null : hidden::derivative, mask == null ? null : mask.data().clone(),
                    output ? 1.0 : dropout.keepProb(l)));
        }
        return facts;
    }
}
