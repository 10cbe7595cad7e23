package dev.gradcheck.nets;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.LayerFacts;
import dev.gradcheck.Layered;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Regularized;
import dev.gradcheck.Replicable;
import dev.gradcheck.Stochastic;
import dev.gradcheck.StructuredCost;
import dev.gradcheck.Trainable;
import dev.gradcheck.nets.bugs.Bug;

import java.util.ArrayList;
import java.util.List;

/**
 * The deep network of the notes, on a fixed training batch (X, Y) with X n[0]×m (examples as columns):
 *
 * <pre>
 *   Z[l] = W[l]·A[l−1] + b[l],  A[l] = g(Z[l]) ∘ D[l] / keepProb[l]   (l = 1..L−1, A[0] = X)
 *   Z[L] = W[L]·A[L−1] + b[L],  A[L] = σ / softmax / identity of Z[L] (by the loss)
 *   J    = (1/m)·Σ loss(A[L], Y) + λ/(2m)·Σₗ‖W[l]‖²_F + (λ₁/m)·Σₗ Σ|W[l]|
 *
 *   dZ[L] = A[L] − Y
 *   dW[l] = (1/m)·dZ[l]·A[l−1]ᵀ + (λ/m)·W[l] + (λ₁/m)·sign(W[l])
 *   db[l] = (1/m)·Σ over the examples of dZ[l]
 *   dA[l−1] = W[l]ᵀ·dZ[l] ∘ D[l−1] / keepProb[l−1],  dZ[l−1] = dA[l−1] ∘ g'(Z[l−1])
 * </pre>
 *
 * Built with {@link #builder()} ({@link NetworkBuilder}). It is a {@link Differentiable} whose
 * {@link #parameters()} are live views W1, b1, W2, b2, ...; {@link Stochastic} (dropout; masks can be frozen),
 * {@link Trainable} (batch gradient descent), {@link Regularized} and {@link Replicable}, and
 * {@link StructuredCost}: the checker's J(θ ± εeᵢ) come from {@link PerturbedForward}, which reuses the layers below
 * the perturbed one. A {@link Bug} from the catalogue, when set, changes one line of backprop (or of the cost) in one
 * layer.
 *
 * <p>The parts live in small classes of their own: the passes in {@link Backprop}, the penalty in {@link Penalty},
 * the bug's switches in {@link Faults}, training in {@link GradientDescent}, prediction in {@link Prediction}.
 * Every pass over the batch reuses the buffers of its {@link Layer}s, so {@link #cost()} allocates nothing.
 * Not thread-safe: use {@link #replicate()} for another thread.
 */
public final class Network implements Differentiable, StructuredCost, Stochastic, Trainable, Regularized, Replicable,
        Layered {
    private final int[] n;
    private final Layer[] layers;
    private final Activation hidden;
    private final Loss loss;
    private final double lambda;
    private final double l1;
    private final double learningRate;
    private final Init init;
    private final long seed;
    private final Faults faults;
    private final Dataset batch;
    private final int m;
    private final Dropout dropout;
    private final Penalty penalty;
    private final Backprop passes;
    private final List<ParameterBlock> parameters;
    /** The structured cost's scratch, made at its first use. */
    private PerturbedForward perturbed;

    Network(NetworkBuilder b, Dataset data) {
        n = b.layers.clone();
        hidden = b.activation;
        loss = b.loss;
        lambda = b.lambda;
        l1 = b.l1;
        learningRate = b.learningRate;
        init = b.init;
        seed = b.seed;
        faults = Faults.of(b.bug, n);
        batch = data;
        m = data.m();
        Rng root = new Rng(seed);
        Rng weights = root.split();
        root.split(); // the data stream, used by the builder
        layers = new Layer[n.length];
        for (int l = 1; l < n.length; l++) {
            layers[l] = new Layer(l, n[l - 1], n[l], m);
            init.fill(layers[l].W, weights);
        }
        dropout = new Dropout(b.keepProbsByLayer(depth()), n, m, root.split());
        penalty = new Penalty(lambda, l1, m, layers, faults);
        passes = new Backprop(layers, hidden, loss, dropout, batch, penalty, faults);
        parameters = blocks();
    }

    private Network(Network o) {
        n = o.n.clone();
        hidden = o.hidden;
        loss = o.loss;
        lambda = o.lambda;
        l1 = o.l1;
        learningRate = o.learningRate;
        init = o.init;
        seed = o.seed;
        faults = o.faults;
        batch = o.batch.copy();
        m = o.m;
        layers = new Layer[n.length];
        for (int l = 1; l < n.length; l++) {
            layers[l] = o.layers[l].copy();
        }
        dropout = o.dropout.copy();
        penalty = new Penalty(lambda, l1, m, layers, faults);
        passes = new Backprop(layers, hidden, loss, dropout, batch, penalty, faults);
        parameters = blocks();
    }

    /** W1, b1, W2, b2, ...: views of the layers' own arrays. */
    private List<ParameterBlock> blocks() {
        List<ParameterBlock> blocks = new ArrayList<>();
        for (int l = 1; l < n.length; l++) {
            blocks.add(ParameterBlock.of("W" + l, n[l], n[l - 1], layers[l].W.data()));
            blocks.add(ParameterBlock.of("b" + l, n[l], 1, layers[l].b.data()));
        }
        return blocks;
    }

    public static NetworkBuilder builder() {
        return new NetworkBuilder();
    }

    // ---------------------------------------------------------------- Differentiable

    /** W1, b1, W2, b2, ...: live row-major views of the network's own arrays. */
    @Override
    public List<ParameterBlock> parameters() {
        return List.copyOf(parameters);
    }

    /** J on the training batch, penalty included. With dropout on and masks not frozen, each call draws new masks. */
    @Override
    public double cost() {
        return penalty.costOf(passes.lossSum(), penalty.squares(), penalty.abs());
    }

    /**
     * J at θ ± ε on one entry, for many entries of one block (see {@link StructuredCost}): the numbers cost() gives
     * with the entry set to θᵢ + ε (costPlus) or θᵢ − ε (costMinus), up to round-off. Computed by
     * {@link PerturbedForward}, except with dropout on and masks not frozen, where J is random and each value is
     * cost() itself with the entry set (and written back).
     */
    @Override
    public void perturbedCosts(int blockIndex, int from, int to, double epsilon, double[] costPlus,
                               double[] costMinus) {
        if (blockIndex < 0 || blockIndex >= parameters.size()) {
            throw new IndexOutOfBoundsException("block " + blockIndex + " does not exist: blocks are 0.."
                    + (parameters.size() - 1) + " (W1, b1, W2, ...)");
        }
        ParameterBlock block = parameters.get(blockIndex);
        if (from < 0 || from > to || to > block.size()) {
            throw new IndexOutOfBoundsException("entries [" + from + ", " + to + ") are not within " + block.name()
                    + " (" + block.size() + " entries)");
        }
        if (costPlus.length < to - from || costMinus.length < to - from) {
            throw new IllegalArgumentException("costPlus and costMinus need " + (to - from) + " values, got "
                    + costPlus.length + " and " + costMinus.length);
        }
        if (dropout.min() < 1 && !dropout.frozen()) {
            plainCosts(block, from, to, epsilon, costPlus, costMinus);
            return;
        }
        if (perturbed == null) {
            structuredStack(PerturbedForward.STACK_DOUBLES);
        }
        int l = blockIndex / 2 + 1;
        perturbed.costs(l, blockIndex % 2 == 1, from, to, epsilon, passes.lossSum(), costPlus, costMinus);
    }

    /** The structured cost's evaluator, made on first use (tests reach its seams through it). */
    PerturbedForward structured() {
        if (perturbed == null) {
            structuredStack(PerturbedForward.STACK_DOUBLES);
        }
        return perturbed;
    }

    /** The size of the structured cost's stacked matrices, in doubles (tests make it small to force many dgemms). */
    void structuredStack(int doubles) {
        perturbed = new PerturbedForward(penalty, n, layers, batch, hidden, loss, dropout, doubles);
    }

    /** The plain path: each entry set to θᵢ ± ε, cost(), and the original double written back. */
    private void plainCosts(ParameterBlock block, int from, int to, double epsilon, double[] costPlus,
                            double[] costMinus) {
        for (int i = from; i < to; i++) {
            double old = block.get(i);
            try {
                block.set(i, old + epsilon);
                costPlus[i - from] = cost();
                block.set(i, old - epsilon);
                costMinus[i - from] = cost();
            } finally {
                block.set(i, old);
            }
        }
    }

    /** dθ by backprop, after a forward pass of its own (with fresh dropout masks unless frozen). */
    @Override
    public Gradients gradients() {
        passes.forwardBatch();
        passes.backward();
        Gradients.Builder g = Gradients.builder();
        for (int l = 1; l <= depth(); l++) {
            g.put("W" + l, layers[l].dW.data().clone());
            g.put("b" + l, layers[l].db.data().clone());
        }
        return g.build();
    }

    /** Layer by layer, what the checker's diagnosis may test (see {@link Anatomy}); runs one forward pass. */
    @Override
    public List<LayerFacts> layerFacts() {
        return Anatomy.of(layers, passes, hidden, dropout, batch);
    }

    // The penalty's parts, as PerturbedForward and the tests have always reached them here.

    /** J = (1/m)·Σ loss + the penalty, from Σ loss and the penalty's two sums. */
    double costOf(double lossSum, double squares, double abs) {
        return penalty.costOf(lossSum, squares, abs);
    }

    double penaltySquares() {
        return penalty.squares();
    }

    double penaltyAbs() {
        return penalty.abs();
    }

    boolean squaresInCost(int l) {
        return penalty.squaresInCost(l);
    }

    // ---------------------------------------------------------------- Regularized

    /** λ/(2m)·Σₗ‖W[l]‖²_F + (λ₁/m)·Σₗ Σ|W[l]|: the penalty part of J. */
    @Override
    public double regularizationCost() {
        return penalty.value();
    }

    @Override
    public Gradients regularizationGradients() {
        return penalty.gradients();
    }

    // ---------------------------------------------------------------- training and prediction

    /** {@code steps} steps of batch gradient descent on the training batch: W -= α·dW, b -= α·db. */
    @Override
    public void train(int steps) {
        GradientDescent.train(passes, layers, learningRate, steps);
    }

    /**
     * Copies {@code data} into the training batch, whose shapes it must have (X n[0]×m, Y n[L]×m: the layers' buffers
     * are sized for m): how augmentation trains, on a fresh transform of the training set each epoch.
     */
    public void useBatch(Dataset data) {
        if (!data.X().sameShape(batch.X()) || !data.Y().sameShape(batch.Y())) {
            throw new IllegalArgumentException("the new batch is X " + data.X().shape() + ", Y " + data.Y().shape()
                    + " but the training batch is X " + batch.X().shape() + ", Y " + batch.Y().shape());
        }
        loss.checkLabels(data.Y());
        batch.X().copyFrom(data.X());
        batch.Y().copyFrom(data.Y());
        perturbed = null; // its scratch holds the old batch's Yᵀ
    }

    /** A[L] for the examples (columns) of {@code x}, without dropout. */
    public Matrix predict(Matrix x) {
        return Prediction.predict(passes, n, x);
    }

    /**
     * The error on {@code data}, without dropout: for sigmoid-ce the fraction of wrong 0/1 decisions (a ≥ 0.5)
     * over all output units, for softmax-ce the fraction of examples whose argmax is wrong, for mse the mean
     * squared error per example Σₖ(a − y)²/m.
     */
    public double error(Dataset data) {
        return Prediction.error(loss, predict(data.X()), data.Y());
    }

    // ---------------------------------------------------------------- Stochastic

    /** The smallest keep-prob in force (1.0 when dropout is off or not configured). */
    @Override
    public double keepProb() {
        return dropout.min();
    }

    /**
     * 1.0 turns dropout off and remembers the per-layer keep-probs; the smallest configured keep-prob turns them
     * back on as they were (this is the checker's force-and-restore); any other p in (0, 1) sets p on every hidden
     * layer that has dropout (or on every hidden layer when none has).
     */
    @Override
    public void keepProb(double p) {
        dropout.force(p);
    }

    /** The keep-prob of hidden layer l as configured (also while dropout is forced off). */
    public double keepProb(int l) {
        checkLayer(l);
        return dropout.configured()[l];
    }

    /** From now on every cost() and gradients() uses the same dropout masks (each drawn once, at first use). */
    @Override
    public boolean freezeMasks() {
        dropout.freeze();
        return true;
    }

    @Override
    public void unfreezeMasks() {
        dropout.unfreeze();
    }

    /** True between {@link #freezeMasks()} and {@link #unfreezeMasks()}. */
    public boolean masksFrozen() {
        return dropout.frozen();
    }

    // ---------------------------------------------------------------- Replicable and accessors

    /** An independent deep copy: same parameters, batch, settings, bug, dropout generator position and masks. */
    @Override
    public Network replicate() {
        return new Network(this);
    }

    /** Layer sizes n[0..L] (a copy). */
    public int[] sizes() {
        return n.clone();
    }

    /** L, the number of layers with parameters. */
    public int depth() {
        return n.length - 1;
    }

    /** W[l], live (writes change the network). */
    public Matrix W(int l) {
        checkLayer(l);
        return layers[l].W;
    }

    /** b[l], live (writes change the network). */
    public Matrix b(int l) {
        checkLayer(l);
        return layers[l].b;
    }

    /** The training batch (X, Y); do not modify. */
    public Dataset batch() {
        return batch;
    }

    /** The batch size m. */
    public int m() {
        return m;
    }

    public Activation activation() {
        return hidden;
    }

    public Loss loss() {
        return loss;
    }

    public double lambda() {
        return lambda;
    }

    public double l1() {
        return l1;
    }

    public double learningRate() {
        return learningRate;
    }

    public Init init() {
        return init;
    }

    public long seed() {
        return seed;
    }

    /** The injected bug, or {@code null} for the correct network. */
    public Bug bug() {
        return faults.bug();
    }

    /** The component where the injected bug should be found ("dW3"), or {@code null} without a bug. */
    public String bugComponent() {
        return faults.bug() == null ? null : faults.bug().expectedComponent(n);
    }

    /** A copy of every parameter block's values, in {@link #parameters()} order. */
    public List<double[]> snapshot() {
        List<double[]> s = new ArrayList<>();
        for (ParameterBlock p : parameters) {
            s.add(p.toArray());
        }
        return s;
    }

    /** Writes back values taken by {@link #snapshot()}. */
    public void restore(List<double[]> snapshot) {
        if (snapshot.size() != parameters.size()) {
            throw new IllegalArgumentException("a snapshot of " + snapshot.size() + " blocks cannot be restored into "
                    + parameters.size() + " blocks");
        }
        for (int i = 0; i < parameters.size(); i++) {
            parameters.get(i).copyFrom(snapshot.get(i));
        }
    }

    /** One line: "layers 4,5,3,1 · relu · sigmoid-ce · λ 0.7 · keep-prob 0.8 · he · m 3 · seed 1". */
    public String describe() {
        return Description.of(this);
    }

    @Override
    public String toString() {
        return "Network[" + describe() + "]";
    }

    private void checkLayer(int l) {
        if (l < 1 || l > depth()) {
            throw new IndexOutOfBoundsException("layer " + l + " does not exist: layers are 1.." + depth());
        }
    }
}
