package dev.gradcheck;

import java.util.List;

/**
 * An optional capability of a layered model: it tells the checker what it is made of, so that a diagnosis can test
 * named causes instead of guessing from block names. Which blocks are which layer, the hidden activation and its
 * derivative, the dropout masks in force, the batch size m, and the values of the forward pass at the current θ.
 *
 * <p>With it, the report names the layer where an error most likely starts (backprop flows down, so the highest failing
 * layer), reads a constant factor as m or keep-prob when it is one, and tests per-layer causes (the activation's
 * derivative taken from its value or left out, the dropout mask not applied) against dW and db together. Without it
 * the checker's per-block patterns (factors, signs, transposes, L1/L2 terms) still apply.
 *
 * <p>The checker calls {@link #layerFacts()} once per phase, after measuring, with θ written back and the phase's
 * dropout state in force (off, or the masks frozen).
 */
public interface Layered {

    /** The layers in forward order (layer 1 first). A layer's values may be null when the model cannot give them. */
    List<LayerFacts> layerFacts();
}
