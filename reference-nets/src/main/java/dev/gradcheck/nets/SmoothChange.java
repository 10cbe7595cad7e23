package dev.gradcheck.nets;

/**
 * Exact changes of tanh and sigmoid, g(z + Δ) − g(z), from G = g(z) and Δ, without evaluating g again: the addition
 * formulas
 * <pre>
 *   tanh(z + Δ) − tanh z = τ(1 − G²)/(1 + G·τ),      τ = tanh Δ
 *   σ(z + Δ) − σ(z)      = G(1 − G)·E/(1 + G·E),     E = e^Δ − 1
 * </pre>
 * with τ and E from their odd/even series when |Δ| is small enough that the first omitted term is about 2⁻⁵⁵ of the
 * result (|Δ| &lt; 2⁻¹³ for tanh: Δ − Δ³/3 leaves 2Δ⁵/15 ≤ 1.1·2⁻⁵⁵·|Δ|; |Δ| &lt; 2⁻¹² for e^Δ − 1 to the Δ⁴/24
 * term: Δ⁵/120 ≤ 2⁻⁵⁴·|Δ|), else from {@link Math#tanh} and {@link Math#expm1}. These are identities of the functions
 * themselves, not derivatives from {@link Activation}: a bug in {@link Activation#derivative} cannot reach them.
 *
 * <p>Also the slopes g' and g'' from G (g' = 1 − G², g'' = −2G(1 − G²) for tanh; g' = G(1 − G),
 * g'' = G(1 − G)(1 − 2G) for σ) and the bound sup|g'''| (2 for tanh, 1/8 for σ) that the structured path's
 * second-order expansion through one smooth layer needs for its remainder.
 */
final class SmoothChange {
    private SmoothChange() {
    }

    /** Whether the formulas here know g (tanh, sigmoid). */
    static boolean knows(Activation g) {
        return g == Activation.TANH || g == Activation.SIGMOID;
    }

    /** g(z + Δ) − g(z) for G = g(z) (tanh or sigmoid). */
    static double change(Activation g, double G, double delta) {
        if (delta == 0) {
            return 0;
        }
        if (g == Activation.TANH) {
            double tau = Math.abs(delta) < 0x1p-13 ? delta - delta * delta * delta / 3 : Math.tanh(delta);
            return tau * (1 - G * G) / (1 + G * tau);
        }
        double d = delta;
        double e = Math.abs(d) < 0x1p-12 ? d * (1 + d * (0.5 + d * (1.0 / 6 + d / 24))) : Math.expm1(d);
        return G * (1 - G) * e / (1 + G * e);
    }

    /** g'(z) from G = g(z). */
    static double first(Activation g, double G) {
        return g == Activation.TANH ? 1 - G * G : G * (1 - G);
    }

    /** g''(z) from G = g(z). */
    static double second(Activation g, double G) {
        return g == Activation.TANH ? -2 * G * (1 - G * G) : G * (1 - G) * (1 - 2 * G);
    }

    /** sup over z of |g'''(z)|: tanh''' = −2 sech²z (1 − 3 tanh²z), at most 2; σ''' = q(1 − 6q), q ≤ 1/4: 1/8. */
    static double thirdBound(Activation g) {
        return g == Activation.TANH ? 2 : 0.125;
    }
}
