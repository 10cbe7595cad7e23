package dev.gradcheck.nets;

/** Batch gradient descent of the notes: each step a forward pass and backprop over the whole training batch, then
 * W[l] −= α·dW[l] and b[l] −= α·db[l] for every layer. */
final class GradientDescent {
    private GradientDescent() {
    }

    static void train(Backprop passes, Layer[] layers, double alpha, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("training steps must be ≥ 0, got " + steps);
        }
        for (int s = 0; s < steps; s++) {
            passes.forwardBatch();
            passes.backward();
            for (int l = 1; l < layers.length; l++) {
                step(layers[l].W, layers[l].dW, alpha);
                step(layers[l].b, layers[l].db, alpha);
            }
        }
    }

    private static void step(Matrix p, Matrix dp, double alpha) {
        double[] pd = p.data();
        double[] d = dp.data();
        for (int i = 0; i < pd.length; i++) {
            pd[i] -= alpha * d[i];
        }
    }
}
