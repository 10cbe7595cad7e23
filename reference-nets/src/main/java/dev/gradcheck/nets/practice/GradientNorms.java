package dev.gradcheck.nets.practice;

import dev.gradcheck.Gradients;
import dev.gradcheck.nets.Matrix;
import dev.gradcheck.nets.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per-layer gradient norms, to see vanishing or exploding gradients. For each layer it reports ‖dW[l]‖_F, ‖db[l]‖
 * and the relative size ‖dW[l]‖/‖W[l]‖ (how far one step of size 1 would move the layer), and flags the layer when
 * that relative size is tiny (vanishing: the layer does not learn) or huge (exploding: one step wrecks it).
 *
 * <p>In the notes' deep linear network with W[l] = c·I, A[L] = c^L·X, so for c = 1.5 the gradients grow like
 * 1.5^(2L) and for c = 0.5 they shrink like 0.5^L.
 */
public final class GradientNorms {
    /** Below this ‖dW‖/‖W‖ a layer's gradient is vanishing (a healthy network at initialization: ~1e-2 to 1). */
    public static final double VANISHING = 1e-5;
    /** Above this ‖dW‖/‖W‖ a layer's gradient is exploding. */
    public static final double EXPLODING = 1e3;

    private GradientNorms() {
    }

    public enum Flag { OK, VANISHING, EXPLODING }

    /** One layer's norms. */
    public record LayerNorm(int layer, double dW, double db, double W, double relative, Flag flag) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "layer %d: ‖dW‖ %.3e  ‖db‖ %.3e  ‖W‖ %.3e  ‖dW‖/‖W‖ %.3e  %s", layer, dW,
                    db, W, relative, flag);
        }
    }

    /** The norms of every layer at the network's current parameters (one forward and backward pass). */
    public static List<LayerNorm> of(Network net) {
        Gradients g = net.gradients();
        List<LayerNorm> norms = new ArrayList<>();
        for (int l = 1; l <= net.depth(); l++) {
            Matrix w = net.W(l);
            double dW = norm(g.get("W" + l));
            double db = norm(g.get("b" + l));
            double wNorm = w.norm();
            double relative = wNorm > 0 ? dW / wNorm : dW;
            Flag flag = !(relative <= EXPLODING) ? Flag.EXPLODING : relative < VANISHING ? Flag.VANISHING : Flag.OK;
            norms.add(new LayerNorm(l, dW, db, wNorm, relative, flag));
        }
        return norms;
    }

    /** The layers flagged {@code flag}. */
    public static List<Integer> flagged(List<LayerNorm> norms, Flag flag) {
        return norms.stream().filter(n -> n.flag() == flag).map(LayerNorm::layer).toList();
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
