package dev.gradcheck.nets;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Regularized;
import dev.gradcheck.Replicable;
import dev.gradcheck.Stochastic;
import dev.gradcheck.StructuredCost;
import dev.gradcheck.Trainable;
import dev.gradcheck.nets.bugs.Bug;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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
 * Built with {@link #builder()}. It is a {@link Differentiable} whose {@link #parameters()} are live views
 * W1, b1, W2, b2, ...; {@link Stochastic} (dropout; masks can be frozen), {@link Trainable} (batch gradient
 * descent), {@link Regularized} and {@link Replicable}, and {@link StructuredCost}: the checker's J(θ ± εeᵢ) come
 * from {@link PerturbedForward}, which reuses the layers below the perturbed one. A {@link Bug} from the catalogue,
 * when set, changes one line of backprop (or of the cost) in one layer.
 *
 * <p>Every pass over the batch reuses the buffers of its {@link Layer}s, so {@link #cost()} allocates nothing.
 * Not thread-safe: use {@link #replicate()} for another thread.
 */
public final class Network implements Differentiable, StructuredCost, Stochastic, Trainable, Regularized, Replicable {
    private final int[] n;
    private final Layer[] layers;
    private final Activation hidden;
    private final Loss loss;
    private final double lambda;
    private final double l1;
    private final double learningRate;
    private final Init init;
    private final long seed;
    private final Bug bug;
    private final int bugLayer;
    private final Dataset batch;
    private final int m;
    private final Dropout dropout;
    private final List<ParameterBlock> parameters;
    private final Matrix[] z;
    private final Matrix[] a;
    /** The structured cost's scratch, made at its first use. */
    private PerturbedForward perturbed;

    private Network(Builder b, Dataset data) {
        n = b.layers.clone();
        hidden = b.activation;
        loss = b.loss;
        lambda = b.lambda;
        l1 = b.l1;
        learningRate = b.learningRate;
        init = b.init;
        seed = b.seed;
        bug = b.bug;
        batch = data;
        m = data.m();
        bugLayer = bug == null ? 0 : bug.layer(n);
        Rng root = new Rng(seed);
        Rng weights = root.split();
        root.split(); // the data stream, used by the builder
        layers = new Layer[n.length];
        for (int l = 1; l < n.length; l++) {
            layers[l] = new Layer(l, n[l - 1], n[l], m);
            init.fill(layers[l].W, weights);
        }
        dropout = new Dropout(b.keepProbsByLayer(depth()), n, m, root.split());
        z = new Matrix[n.length];
        a = new Matrix[n.length];
        parameters = new ArrayList<>();
        wireBuffers();
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
        bug = o.bug;
        bugLayer = o.bugLayer;
        batch = o.batch.copy();
        m = o.m;
        layers = new Layer[n.length];
        for (int l = 1; l < n.length; l++) {
            layers[l] = o.layers[l].copy();
        }
        dropout = o.dropout.copy();
        z = new Matrix[n.length];
        a = new Matrix[n.length];
        parameters = new ArrayList<>();
        wireBuffers();
    }

    private void wireBuffers() {
        a[0] = batch.X();
        for (int l = 1; l < n.length; l++) {
            z[l] = layers[l].Z;
            a[l] = layers[l].A;
            parameters.add(ParameterBlock.of("W" + l, n[l], n[l - 1], layers[l].W.data()));
            parameters.add(ParameterBlock.of("b" + l, n[l], 1, layers[l].b.data()));
        }
    }

    public static Builder builder() {
        return new Builder();
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
        return costOf(lossSum(), penaltySquares(), penaltyAbs());
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
        perturbed.costs(l, blockIndex % 2 == 1, from, to, epsilon, lossSum(), costPlus, costMinus);
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
        perturbed = new PerturbedForward(this, n, layers, batch, hidden, loss, dropout, doubles);
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
        forward(batch.X(), z, a, true);
        backward();
        Gradients.Builder g = Gradients.builder();
        for (int l = 1; l <= depth(); l++) {
            g.put("W" + l, layers[l].dW.data().clone());
            g.put("b" + l, layers[l].db.data().clone());
        }
        return g.build();
    }

    // ---------------------------------------------------------------- forward and backward

    /** The forward pass of x through every layer into z[l], a[l] (l = 1..L); dropout only when training. */
    private void forward(Matrix x, Matrix[] zs, Matrix[] as, boolean training) {
        int depth = depth();
        Matrix aPrev = x;
        for (int l = 1; l <= depth; l++) {
            layers[l].linear(aPrev, zs[l]);
            if (l == depth) {
                loss.activate(zs[l], as[l]);
            } else {
                double[] zd = zs[l].data();
                double[] ad = as[l].data();
                for (int i = 0; i < zd.length; i++) {
                    ad[i] = hidden.g(zd[i]);
                }
                Matrix mask = training ? dropout.mask(l) : null;
                if (mask != null) {
                    double[] d = mask.data();
                    double keep = dropout.keepProb(l);
                    for (int i = 0; i < ad.length; i++) {
                        ad[i] = ad[i] * d[i] / keep;
                    }
                }
            }
            aPrev = as[l];
        }
    }

    /** Backprop over the batch from the last forward pass: fills dZ, dA, dW, db of every layer. */
    private void backward() {
        int depth = depth();
        Layer out = layers[depth];
        loss.dZ(out.A, batch.Y(), out.dZ);
        if (bugAt(depth, Bug.OUTPUT_DZ_SIGN_FLIPPED)) {
            scale(out.dZ, -1);
        }
        for (int l = depth; l >= 1; l--) {
            Layer layer = layers[l];
            Matrix aPrev = l == 1 ? batch.X() : layers[l - 1].A;
            double dwScale = bugAt(l, Bug.DW_MISSING_1_OVER_M) ? 1.0 : bugAt(l, Bug.STRAY_FACTOR_2) ? 2.0 / m : 1.0 / m;
            if (bugAt(l, Bug.DW_TRANSPOSED)) {
                Blas.gemm(dwScale, aPrev, false, layer.dZ, true, 0.0, layer.dW);
            } else {
                Blas.gemm(dwScale, layer.dZ, false, aPrev, true, 0.0, layer.dW);
            }
            addPenaltyGradient(l, layer.W, layer.dW);
            sumOverExamples(layer.dZ, bugAt(l, Bug.DB_MISSING_1_OVER_M) ? 1.0 : 1.0 / m, layer.db);
            if (bugAt(l, Bug.DB_SUMMED_OVER_ALL_AXES)) {
                layer.db.fill(sum(layer.dZ) / m);
            }
            if (l > 1) {
                Layer below = layers[l - 1];
                Blas.gemm(1.0, layer.W, true, layer.dZ, false, 0.0, below.dA);
                dropoutBackward(l - 1, below.dA);
                activationBackward(below);
            }
        }
    }

    /** dA[l] = dA[l] ∘ D[l] / keepProb[l] with the mask of the forward pass. */
    private void dropoutBackward(int l, Matrix dA) {
        Matrix mask = dropout.lastMask(l);
        if (mask == null) {
            return;
        }
        boolean applyMask = !bugAt(l, Bug.DROPOUT_MASK_NOT_APPLIED);
        double divide = bugAt(l, Bug.DROPOUT_NOT_SCALED) ? 1.0 : dropout.keepProb(l);
        double[] d = dA.data();
        double[] md = mask.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (applyMask ? d[i] * md[i] : d[i]) / divide;
        }
    }

    /** dZ[l] = dA[l] ∘ g'(Z[l]). */
    private void activationBackward(Layer layer) {
        int l = layer.l;
        boolean valueForSlope = bugAt(l, Bug.RELU_DERIVATIVE_FROM_A) || bugAt(l, Bug.SIGMOID_DERIVATIVE_WRONG);
        boolean noSlope = bugAt(l, Bug.ACTIVATION_DERIVATIVE_DROPPED);
        double[] zd = layer.Z.data();
        double[] dA = layer.dA.data();
        double[] dZ = layer.dZ.data();
        for (int i = 0; i < zd.length; i++) {
            double slope = noSlope ? 1 : valueForSlope ? hidden.g(zd[i]) : hidden.derivative(zd[i]);
            dZ[i] = dA[i] * slope;
        }
    }

    // ---------------------------------------------------------------- regularization

    /** The forward pass of cost() and Σ over the batch of the loss (Z[l], A[l] of every layer are left in place). */
    private double lossSum() {
        forward(batch.X(), z, a, true);
        return loss.sum(z[depth()], a[depth()], batch.Y());
    }

    /** J = (1/m)·Σ loss + the penalty, from Σ loss and the penalty's two sums. */
    double costOf(double lossSum, double squares, double abs) {
        return lossSum / m + penaltyOf(squares, abs);
    }

    /** λ/(2m)·Σₗ‖W[l]‖²_F + (λ₁/m)·Σₗ Σ|W[l]|: the penalty part of J. */
    private double penalty() {
        return penaltyOf(penaltySquares(), penaltyAbs());
    }

    private double penaltyOf(double squares, double abs) {
        return lambda / (2.0 * m) * squares + l1 / m * abs;
    }

    /**
     * Σ of W² over the layers whose squares the cost includes (all, unless the bug leaves one out); 0 without L2,
     * where λ·Σ W² is 0 anyway.
     */
    double penaltySquares() {
        double squares = 0;
        if (lambda == 0) {
            return squares;
        }
        for (int l = 1; l <= depth(); l++) {
            if (squaresInCost(l)) {
                squares += layers[l].W.sumOfSquares();
            }
        }
        return squares;
    }

    /** Σ of |W| over every layer; 0 without L1, where λ₁·Σ|W| is 0 anyway. */
    double penaltyAbs() {
        double abs = 0;
        if (l1 == 0) {
            return abs;
        }
        for (int l = 1; l <= depth(); l++) {
            abs += layers[l].W.sumOfAbs();
        }
        return abs;
    }

    /** Whether ‖W[l]‖² is in the cost's L2 term (the catalogue's L2_COST_TERM_MISSING leaves one layer's out). */
    boolean squaresInCost(int l) {
        return !bugAt(l, Bug.L2_COST_TERM_MISSING);
    }

    /** dW[l] += (λ/m)·W[l] + (λ₁/m)·sign(W[l]). */
    private void addPenaltyGradient(int l, Matrix w, Matrix dW) {
        double l2Scale = bugAt(l, Bug.L2_GRADIENT_FORGOTTEN) ? 0 : lambda / m;
        double l1Scale = bugAt(l, Bug.L1_GRADIENT_FORGOTTEN) ? 0 : l1 / m;
        if (l2Scale == 0 && l1Scale == 0) {
            return;
        }
        double[] wd = w.data();
        double[] d = dW.data();
        for (int i = 0; i < d.length; i++) {
            d[i] += l2Scale * wd[i] + l1Scale * Math.signum(wd[i]);
        }
    }

    @Override
    public double regularizationCost() {
        return penalty();
    }

    @Override
    public Gradients regularizationGradients() {
        Gradients.Builder g = Gradients.builder();
        for (int l = 1; l <= depth(); l++) {
            Matrix dW = new Matrix(n[l], n[l - 1]);
            addPenaltyGradient(l, layers[l].W, dW);
            g.put("W" + l, dW.data());
            g.put("b" + l, new double[n[l]]);
        }
        return g.build();
    }

    // ---------------------------------------------------------------- training and prediction

    /** {@code steps} steps of batch gradient descent on the training batch: W -= α·dW, b -= α·db. */
    @Override
    public void train(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("training steps must be ≥ 0, got " + steps);
        }
        for (int s = 0; s < steps; s++) {
            forward(batch.X(), z, a, true);
            backward();
            for (int l = 1; l <= depth(); l++) {
                step(layers[l].W, layers[l].dW);
                step(layers[l].b, layers[l].db);
            }
        }
    }

    private void step(Matrix p, Matrix dp) {
        double[] pd = p.data();
        double[] d = dp.data();
        for (int i = 0; i < pd.length; i++) {
            pd[i] -= learningRate * d[i];
        }
    }

    /** A[L] for the examples (columns) of {@code x}, without dropout. */
    public Matrix predict(Matrix x) {
        if (x.rows() != n[0]) {
            throw new IllegalArgumentException("X is " + x.shape() + " but the network takes n[0] = " + n[0]
                    + " inputs per example (X must be " + n[0] + "×m)");
        }
        Matrix[] zs = new Matrix[n.length];
        Matrix[] as = new Matrix[n.length];
        for (int l = 1; l < n.length; l++) {
            zs[l] = new Matrix(n[l], x.cols());
            as[l] = new Matrix(n[l], x.cols());
        }
        forward(x, zs, as, false);
        return as[depth()];
    }

    /**
     * The error on {@code data}, without dropout: for sigmoid-ce the fraction of wrong 0/1 decisions (a ≥ 0.5)
     * over all output units, for softmax-ce the fraction of examples whose argmax is wrong, for mse the mean
     * squared error per example Σₖ(a − y)²/m.
     */
    public double error(Dataset data) {
        Matrix out = predict(data.X());
        Matrix y = data.Y();
        out.requireSameShape(y, "error: A[L] and Y");
        double wrong = 0;
        switch (loss) {
            case SIGMOID_CE -> {
                for (int i = 0; i < out.data().length; i++) {
                    wrong += (out.data()[i] >= 0.5) != (y.data()[i] >= 0.5) ? 1 : 0;
                }
                return wrong / out.data().length;
            }
            case SOFTMAX_CE -> {
                for (int j = 0; j < out.cols(); j++) {
                    wrong += argmax(out, j) != argmax(y, j) ? 1 : 0;
                }
                return wrong / out.cols();
            }
            default -> {
                for (int i = 0; i < out.data().length; i++) {
                    double d = out.data()[i] - y.data()[i];
                    wrong += d * d;
                }
                return wrong / out.cols();
            }
        }
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
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("keep-prob must be in (0, 1], got " + p);
        }
        if (p == 1.0) {
            dropout.off(true);
        } else if (p == dropout.configuredMin()) {
            dropout.off(false);
        } else {
            dropout.setAll(p);
        }
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
        return bug;
    }

    /** The component where the injected bug should be found ("dW3"), or {@code null} without a bug. */
    public String bugComponent() {
        return bug == null ? null : bug.expectedComponent(n);
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
        StringBuilder s = new StringBuilder("layers ");
        for (int i = 0; i < n.length; i++) {
            s.append(i == 0 ? "" : ",").append(n[i]);
        }
        s.append(" · ").append(hidden.label()).append(" · ").append(loss.label());
        s.append(" · λ ").append(fmt(lambda));
        if (l1 > 0) {
            s.append(" · λ₁ ").append(fmt(l1));
        }
        double[] kp = dropout.configured();
        double minKeep = dropout.configuredMin();
        if (minKeep < 1) {
            boolean uniform = true;
            for (int l = 1; l < depth(); l++) {
                uniform &= kp[l] == minKeep;
            }
            s.append(" · keep-prob ");
            if (uniform) {
                s.append(fmt(minKeep));
            } else {
                for (int l = 1; l < depth(); l++) {
                    s.append(l == 1 ? "" : "/").append(fmt(kp[l]));
                }
            }
        }
        s.append(" · ").append(init.label()).append(" · m ").append(m).append(" · seed ").append(seed);
        if (bug != null) {
            s.append(" · bug ").append(bug.name()).append(" in layer ").append(bugLayer);
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "Network[" + describe() + "]";
    }

    private boolean bugAt(int l, Bug b) {
        return bug == b && bugLayer == l;
    }

    private void checkLayer(int l) {
        if (l < 1 || l > depth()) {
            throw new IndexOutOfBoundsException("layer " + l + " does not exist: layers are 1.." + depth());
        }
    }

    private static void scale(Matrix x, double k) {
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] *= k;
        }
    }

    private static double sum(Matrix x) {
        double s = 0;
        for (double v : x.data()) {
            s += v;
        }
        return s;
    }

    /** out[r] = k·Σ_c x[r][c]. */
    private static void sumOverExamples(Matrix x, double k, Matrix out) {
        double[] d = x.data();
        int cols = x.cols();
        for (int r = 0; r < x.rows(); r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += d[r * cols + c];
            }
            out.data()[r] = k * s;
        }
    }

    private static int argmax(Matrix x, int col) {
        int best = 0;
        for (int k = 1; k < x.rows(); k++) {
            if (x.get(k, col) > x.get(best, col)) {
                best = k;
            }
        }
        return best;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /**
     * The settings of a {@link Network}. Defaults: layers 4,5,3,1, relu, sigmoid-ce, no regularization, no dropout,
     * He init, seed 1, learning rate 0.05, a synthetic batch of 8 examples made from the seed.
     */
    public static final class Builder {
        private int[] layers = {4, 5, 3, 1};
        private Activation activation = Activation.RELU;
        private Loss loss = Loss.SIGMOID_CE;
        private double lambda;
        private double l1;
        private double keepProb = 1.0;
        private double[] keepProbs;
        private Init init = Init.HE;
        private long seed = 1;
        private double learningRate = 0.05;
        private int batchSize = 8;
        private Dataset data;
        private Bug bug;

        private Builder() {
        }

        /** Layer sizes n[0], n[1], ..., n[L]: input size first, output size last. */
        public Builder layers(int... sizes) {
            this.layers = Objects.requireNonNull(sizes, "layers").clone();
            return this;
        }

        /** The hidden layers' activation (the output's comes with the loss). */
        public Builder activation(Activation g) {
            this.activation = Objects.requireNonNull(g, "activation");
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** L2 strength λ in λ/(2m)·Σ‖W‖²_F (0 = none). */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** L1 strength λ₁ in (λ₁/m)·Σ|W| (0 = none). */
        public Builder l1(double l1) {
            this.l1 = l1;
            return this;
        }

        /** The same keep-prob on every hidden layer (1 = no dropout). */
        public Builder keepProb(double p) {
            this.keepProb = p;
            this.keepProbs = null;
            return this;
        }

        /** One keep-prob per hidden layer, layers 1..L−1 in order. */
        public Builder keepProbs(double... perHiddenLayer) {
            this.keepProbs = Objects.requireNonNull(perHiddenLayer, "keepProbs").clone();
            return this;
        }

        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** The seed of every random draw: weights, the synthetic batch, dropout masks. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** α of gradient descent. */
        public Builder learningRate(double alpha) {
            this.learningRate = alpha;
            return this;
        }

        /** The size m of the synthetic training batch made from the seed (ignored when {@link #data} is given). */
        public Builder batch(int m) {
            this.batchSize = m;
            return this;
        }

        /** An explicit training batch instead of the synthetic one. */
        public Builder data(Dataset data) {
            this.data = Objects.requireNonNull(data, "data");
            return this;
        }

        /** Injects one catalogue bug ({@code null}: the correct network). */
        public Builder bug(Bug bug) {
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
}
