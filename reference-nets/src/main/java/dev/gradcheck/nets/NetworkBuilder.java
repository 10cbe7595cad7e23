package dev.gradcheck.nets;

import dev.gradcheck.nets.bugs.Bug;

import java.util.Arrays;
import java.util.Objects;

/**
 * The settings of a {@link Network}. Defaults: layers 4,5,3,1, relu, sigmoid-ce, no regularization, no dropout,
 * He init, seed 1, learning rate 0.05, a synthetic batch of 8 examples made from the seed.
 */
public final class NetworkBuilder {
    // Package-private: Network's constructor reads the settings it was built with.
    int[] layers = {4, 5, 3, 1};
    Activation activation = Activation.RELU;
    Loss loss = Loss.SIGMOID_CE;
    double lambda;
    double l1;
    double keepProb = 1.0;
    double[] keepProbs;
    Init init = Init.HE;
    long seed = 1;
    double learningRate = 0.05;
    int batchSize = 8;
    Dataset data;
    Bug bug;

    NetworkBuilder() {
    }

    /** Layer sizes n[0], n[1], ..., n[L]: input size first, output size last. */
    public NetworkBuilder layers(int... sizes) {
        this.layers = Objects.requireNonNull(sizes, "layers").clone();
        return this;
    }

    /** The hidden layers' activation (the output's comes with the loss). */
    public NetworkBuilder activation(Activation g) {
        this.activation = Objects.requireNonNull(g, "activation");
        return this;
    }

    public NetworkBuilder loss(Loss loss) {
        this.loss = Objects.requireNonNull(loss, "loss");
        return this;
    }

    /** L2 strength λ in λ/(2m)·Σ‖W‖²_F (0 = none). */
    public NetworkBuilder lambda(double lambda) {
        this.lambda = lambda;
        return this;
    }

    /** L1 strength λ₁ in (λ₁/m)·Σ|W| (0 = none). */
    public NetworkBuilder l1(double l1) {
        this.l1 = l1;
        return this;
    }

    /** The same keep-prob on every hidden layer (1 = no dropout). */
    public NetworkBuilder keepProb(double p) {
        this.keepProb = p;
        this.keepProbs = null;
        return this;
    }

    /** One keep-prob per hidden layer, layers 1..L−1 in order. */
    public NetworkBuilder keepProbs(double... perHiddenLayer) {
        this.keepProbs = Objects.requireNonNull(perHiddenLayer, "keepProbs").clone();
        return this;
    }

    public NetworkBuilder init(Init init) {
        this.init = Objects.requireNonNull(init, "init");
        return this;
    }

    /** The seed of every random draw: weights, the synthetic batch, dropout masks. */
    public NetworkBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** α of gradient descent. */
    public NetworkBuilder learningRate(double alpha) {
        this.learningRate = alpha;
        return this;
    }

    /** The size m of the synthetic training batch made from the seed (ignored when {@link #data} is given). */
    public NetworkBuilder batch(int m) {
        this.batchSize = m;
        return this;
    }

    /** An explicit training batch instead of the synthetic one. */
    public NetworkBuilder data(Dataset data) {
        this.data = Objects.requireNonNull(data, "data");
        return this;
    }

    /** Injects one catalogue bug ({@code null}: the correct network). */
    public NetworkBuilder bug(Bug bug) {
        this.bug = bug;
        return this;
    }

    /**
     * The network, initialized from the seed.
     *
     * @throws IllegalArgumentException with the reason when a setting is out of range, the data's shape does
     *                                  not fit the layers, or the bug would change nothing in this network
     */
    public Network build() {
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers needs at least an input and an output size, e.g. 4,5,3,1; "
                    + "got " + Arrays.toString(layers));
        }
        for (int size : layers) {
            if (size < 1) {
                throw new IllegalArgumentException("every layer size must be ≥ 1, got " + Arrays.toString(layers));
            }
        }
        int depth = layers.length - 1;
        if (layers[depth] < loss.minOutputs()) {
            throw new IllegalArgumentException(loss.label() + " needs at least " + loss.minOutputs() + " output "
                    + "units, the last layer size is " + layers[depth]);
        }
        requireFinite("λ", lambda);
        requireFinite("λ₁", l1);
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a finite number > 0, got "
                    + learningRate);
        }
        double[] keep = keepProbsByLayer(depth);
        double minKeep = 1;
        for (int l = 1; l < depth; l++) {
            minKeep = Math.min(minKeep, keep[l]);
        }
        Dataset batch = data;
        if (batch == null) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("the batch size m must be ≥ 1, got " + batchSize);
            }
            Rng root = new Rng(seed);
            root.split(); // the weights' stream
            batch = Synthetic.batch(layers[0], layers[depth], batchSize, loss, root.split());
        } else {
            if (batch.X().rows() != layers[0]) {
                throw new IllegalArgumentException("X is " + batch.X().shape() + " but the input layer has n[0] = "
                        + layers[0] + " units: X must be " + layers[0] + "×m (examples as columns)");
            }
            if (batch.Y().rows() != layers[depth]) {
                throw new IllegalArgumentException("Y is " + batch.Y().shape() + " but the output layer has n[L] = "
                        + layers[depth] + " units: Y must be " + layers[depth] + "×m (examples as columns)");
            }
            loss.checkLabels(batch.Y());
            batch = batch.copy();
        }
        if (bug != null) {
            String why = bug.notApplicable(layers, activation, lambda, l1, minKeep, batch.m());
            if (why != null) {
                throw new IllegalArgumentException(why);
            }
        }
        return new Network(this, batch);
    }

    /** Keep-prob per layer, index 1..L (index 0 unused, the output layer always 1). */
    double[] keepProbsByLayer(int depth) {
        double[] keep = new double[depth + 1];
        Arrays.fill(keep, 1.0);
        if (keepProbs != null) {
            if (keepProbs.length != depth - 1) {
                throw new IllegalArgumentException("keepProbs needs one value per hidden layer (" + (depth - 1)
                        + "), got " + keepProbs.length);
            }
            for (int l = 1; l < depth; l++) {
                keep[l] = checkKeepProb(keepProbs[l - 1]);
            }
        } else {
            checkKeepProb(keepProb);
            for (int l = 1; l < depth; l++) {
                keep[l] = keepProb;
            }
        }
        return keep;
    }

    private static double checkKeepProb(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("keep-prob must be in (0, 1], got " + p);
        }
        return p;
    }

    private static void requireFinite(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number ≥ 0, got " + v);
        }
    }
}
