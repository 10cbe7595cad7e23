package dev.gradcheck.nets.bugs;

import dev.gradcheck.nets.Activation;

import java.util.EnumSet;
import java.util.Set;

/**
 * The catalogue of classic backprop mistakes. Each is injected into exactly one layer of an otherwise correct
 * network ({@code Network.builder().bug(Bug.DW_MISSING_1_OVER_M)}), so a gradient check must both catch it and
 * name the component where it starts, {@link #expectedComponent(int[])}.
 *
 * <p>A bug that would change nothing in a given network (a dropout bug without dropout, a transposed dW without a
 * square layer) is refused when the network is built, with the reason; see {@link #notApplicable}.
 */
public enum Bug {
    DW_MISSING_1_OVER_M(Target.OUTPUT, "W",
            "dW[L] = dZ[L]·A[L−1]ᵀ without the 1/m",
            "divide by the batch size: dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ",
            Need.BATCH_OF_TWO),
    STRAY_FACTOR_2(Target.FIRST, "W",
            "dW[1] = (2/m)·dZ[1]·Xᵀ: a stray factor 2 (the derivative of a square that is not in the cost)",
            "drop the 2: the cost has no square here (or its ½ already cancels it)"),
    DB_SUMMED_OVER_ALL_AXES(Target.LAST_HIDDEN, "b",
            "db[L−1] = (1/m)·Σ of all of dZ (np.sum without axis=1): every unit gets the same value",
            "sum over the examples only, one value per unit: db[l] = (1/m)·Σ_columns dZ[l] (axis=1, keepdims)",
            Need.WIDE_TARGET),
    DB_MISSING_1_OVER_M(Target.FIRST, "b",
            "db[1] = Σ_columns dZ[1] without the 1/m",
            "divide by the batch size: db[l] = (1/m)·Σ_columns dZ[l]",
            Need.BATCH_OF_TWO),
    RELU_DERIVATIVE_FROM_A(Target.LAST_HIDDEN, "W",
            "relu'(Z[L−1]) taken as A[L−1] itself (dZ = dA ∘ A) instead of 1{Z > 0}",
            "the derivative of relu is 1 where Z > 0 and 0 elsewhere: dZ = dA ∘ (Z > 0)",
            EnumSet.of(Activation.RELU, Activation.LEAKY_RELU)),
    ACTIVATION_DERIVATIVE_DROPPED(Target.FIRST, "W",
            "g'(Z[1]) left out in layer 1 (dZ[1] = dA[1], i.e. relu' = 1 everywhere)",
            "multiply by the activation's derivative: dZ[l] = dA[l] ∘ g'(Z[l])",
            EnumSet.of(Activation.RELU, Activation.LEAKY_RELU, Activation.TANH, Activation.SIGMOID)),
    SIGMOID_DERIVATIVE_WRONG(Target.LAST_HIDDEN, "W",
            "σ'(Z[L−1]) taken as σ(Z) instead of σ(Z)(1 − σ(Z))",
            "σ'(z) = σ(z)·(1 − σ(z)): dZ = dA ∘ A ∘ (1 − A) with A = σ(Z)",
            EnumSet.of(Activation.SIGMOID)),
    OUTPUT_DZ_SIGN_FLIPPED(Target.OUTPUT, "W",
            "dZ[L] = Y − A[L] instead of A[L] − Y: every gradient has the wrong sign",
            "dZ[L] = A[L] − Y (prediction minus label)"),
    L2_GRADIENT_FORGOTTEN(Target.FIRST, "W",
            "the cost has λ/2m·‖W[1]‖² but dW[1] lacks λ/m·W[1] (the weight-decay loop starts at l = 2)",
            "add λ/m·W[l] to dW[l] for every layer l = 1..L",
            Need.L2),
    L2_COST_TERM_MISSING(Target.OUTPUT, "W",
            "dW[L] has λ/m·W[L] but the cost leaves ‖W[L]‖² out (the penalty loop stops at L−1)",
            "sum λ/2m·‖W[l]‖²_F over every layer l = 1..L in the cost",
            Need.L2),
    L1_GRADIENT_FORGOTTEN(Target.OUTPUT, "W",
            "the cost has λ₁/m·Σ|W[L]| but dW[L] lacks λ₁/m·sign(W[L])",
            "add λ₁/m·sign(W[l]) to dW[l] for every layer",
            Need.L1),
    DROPOUT_MASK_NOT_APPLIED(Target.LAST_HIDDEN, "W",
            "backprop divides dA[L−1] by keep-prob but does not multiply it by the mask D[L−1]",
            "dA[l] = dA[l] ∘ D[l] / keep-prob, with the very mask D[l] of the forward pass",
            Need.DROPOUT),
    DROPOUT_NOT_SCALED(Target.FIRST, "W",
            "backprop multiplies dA[1] by the mask D[1] but does not divide by keep-prob",
            "inverted dropout scales in both directions: dA[l] = dA[l] ∘ D[l] / keep-prob",
            Need.DROPOUT),
    DW_TRANSPOSED(Target.SQUARE, "W",
            "dW[l] = (dZ[l]·A[l−1]ᵀ)ᵀ on a square layer, so the shapes still fit",
            "dW[l] = dZ[l]·A[l−1]ᵀ / m: rows are this layer's units, columns the previous layer's"),
    ;

    /** Which layer a bug is injected into. */
    public enum Target {
        /** Layer 1. */
        FIRST,
        /** The last hidden layer, L−1. */
        LAST_HIDDEN,
        /** The output layer L. */
        OUTPUT,
        /** The first layer with n[l] = n[l−1]. */
        SQUARE
    }

    /** What a network must have for the bug to change anything. */
    public enum Need {
        L2, L1, DROPOUT, BATCH_OF_TWO,
        /** The target layer has at least 2 units. */
        WIDE_TARGET
    }

    private final Target target;
    private final String block;
    private final String description;
    private final String fix;
    private final Set<Need> needs;
    private final Set<Activation> activations;

    Bug(Target target, String block, String description, String fix, Need... needs) {
        this(target, block, description, fix, EnumSet.allOf(Activation.class), needs);
    }

    Bug(Target target, String block, String description, String fix, EnumSet<Activation> activations,
        Need... needs) {
        this.target = target;
        this.block = block;
        this.description = description;
        this.fix = fix;
        this.needs = needs.length == 0 ? EnumSet.noneOf(Need.class) : EnumSet.of(needs[0], needs);
        this.activations = activations;
    }

    /** One line: what the mistake is. */
    public String description() {
        return description;
    }

    /** One line: how to fix it. */
    public String fix() {
        return fix;
    }

    public Target target() {
        return target;
    }

    /** What the network must have for this bug to show. */
    public Set<Need> needs() {
        return needs;
    }

    /** The hidden activations this bug applies to. */
    public Set<Activation> activations() {
        return activations;
    }

    /**
     * The layer l (1..L) this bug is injected into, for a network with layer sizes {@code n} = n[0..L].
     *
     * @throws IllegalArgumentException when the network has no such layer (no hidden layer, no square layer)
     */
    public int layer(int[] n) {
        int depth = n.length - 1;
        return switch (target) {
            case FIRST -> 1;
            case OUTPUT -> depth;
            case LAST_HIDDEN -> {
                if (depth < 2) {
                    throw new IllegalArgumentException(name() + " needs a hidden layer (at least 3 layer sizes)");
                }
                yield depth - 1;
            }
            case SQUARE -> {
                for (int l = 1; l <= depth; l++) {
                    if (n[l] == n[l - 1]) {
                        yield l;
                    }
                }
                throw new IllegalArgumentException(name() + " needs a square layer (n[l] = n[l−1], e.g. layers "
                        + "4,5,5,1) so that the transposed dW still has the right shape");
            }
        };
    }

    /** The gradient component where the check should find this bug, e.g. {@code "dW3"}. */
    public String expectedComponent(int[] n) {
        return "d" + block + layer(n);
    }

    /**
     * Why this bug would not show in a network with these settings, or {@code null} when it applies. The reasons
     * name the option to change.
     */
    public String notApplicable(int[] n, Activation hidden, double lambda, double l1, double minKeepProb, int m) {
        int l;
        try {
            l = layer(n);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        boolean aboutAnActivation = activations.size() < Activation.values().length;
        if (aboutAnActivation && l == n.length - 1) {
            return name() + " is about a hidden layer's activation: it needs a hidden layer (at least 3 layer sizes)";
        }
        if (aboutAnActivation && !activations.contains(hidden)) {
            return name() + " is about the " + activationNames() + " derivative: it needs that hidden activation, "
                    + "not " + hidden.label();
        }
        for (Need need : needs) {
            String why = switch (need) {
                case L2 -> lambda > 0 ? null : name() + " needs L2 regularization (λ > 0)";
                case L1 -> l1 > 0 ? null : name() + " needs L1 regularization (λ₁ > 0)";
                case DROPOUT -> minKeepProb < 1 ? null : name() + " needs dropout (keep-prob < 1): at keep-prob 1 "
                        + "the mask is all ones and the bug changes nothing";
                case BATCH_OF_TWO -> m >= 2 ? null : name() + " needs a batch of at least 2 examples: with m = 1 "
                        + "the 1/m is 1";
                case WIDE_TARGET -> n[l] >= 2 ? null : name() + " needs at least 2 units in layer " + l
                        + ": with one unit the sum over all axes is the sum over the examples";
            };
            if (why != null) {
                return why;
            }
        }
        return null;
    }

    private String activationNames() {
        StringBuilder s = new StringBuilder();
        for (Activation a : activations) {
            s.append(s.length() == 0 ? "" : "/").append(a.label());
        }
        return s.toString();
    }

    /** The bug called {@code name}, case-insensitive, '-' and '_' alike (dw-missing-1-over-m). */
    public static Bug fromName(String name) {
        String key = name.trim().replace('-', '_');
        for (Bug b : values()) {
            if (b.name().equalsIgnoreCase(key)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown bug '" + name + "': the catalogue has " + names());
    }

    /** Every bug name, comma-separated. */
    public static String names() {
        StringBuilder s = new StringBuilder();
        for (Bug b : values()) {
            s.append(s.length() == 0 ? "" : ", ").append(b.name());
        }
        return s.toString();
    }
}
