package dev.gradcheck.nets.practice;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Glyphs;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.Network;
import dev.gradcheck.nets.NetworkCheck;
import dev.gradcheck.nets.Rng;
import dev.gradcheck.nets.augment.Augmentation;
import dev.gradcheck.nets.augment.ElasticDistortion;
import dev.gradcheck.nets.augment.HorizontalFlip;
import dev.gradcheck.nets.augment.Rotation;
import dev.gradcheck.nets.augment.Shift;
import dev.gradcheck.nets.practice.BiasVariance.Diagnosis;
import dev.gradcheck.nets.practice.BiasVariance.Kind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The basic recipe of the notes, run on the {@link Glyphs} image task: split the examples into train/dev/test,
 * normalize the inputs with the training set's μ and σ², train a baseline and diagnose it from its train and dev
 * error against the Bayes-error estimate; when it has high bias, try a bigger network (and longer training); then one
 * run each with the variance cures, L2, dropout and data augmentation, and with early stopping; each run with its
 * train error, dev error and diagnosis. The run with the lowest dev error is the one the recipe keeps: its test error
 * is measured (once, at the end) and its gradients are checked.
 *
 * <p>An epoch is one step of batch gradient descent over the whole training set. With augmentation, each epoch
 * trains on a fresh transform of the (raw) training images, normalized with the training set's μ and σ²; dev and
 * test are never augmented.
 */
public final class Recipe {
    private Recipe() {
    }

    /**
     * One configuration of the recipe.
     *
     * @param examples     examples generated (split train/dev/test by the three shares)
     * @param hidden       the baseline's hidden layer sizes (input 256 and output 10 are the task's)
     * @param epochs       epochs of each run (the bigger network trains twice as long)
     * @param learningRate α
     * @param lambda       λ of the L2 run
     * @param keepProb     keep-prob of the dropout run
     * @param patience     epochs without a better dev error before early stopping stops
     * @param seed         the seed of the data, the split, the weights, the masks and the augmentation
     */
    public record Config(int examples, double trainShare, double devShare, double testShare, int[] hidden,
                         int epochs, double learningRate, double lambda, double keepProb, int patience, long seed) {
        public Config {
            hidden = Objects.requireNonNull(hidden, "hidden").clone();
            if (examples < 10 || epochs < 1 || patience < 1) {
                throw new IllegalArgumentException("the recipe needs ≥ 10 examples, ≥ 1 epoch and patience ≥ 1, got "
                        + examples + ", " + epochs + " and " + patience);
            }
        }

        /** The command's: 500 glyphs split 60/20/20, one hidden layer of 64 relu units, 400 epochs. */
        public static Config standard(long seed) {
            return new Config(500, 0.6, 0.2, 0.2, new int[] {64}, 400, 0.1, 8, 0.6, 40, seed);
        }

        /** A smaller run of the same recipe (tests): 300 glyphs, 32 hidden units, 250 epochs. */
        public static Config small(long seed) {
            return new Config(300, 0.6, 0.2, 0.2, new int[] {32}, 250, 0.1, 6, 0.6, 30, seed);
        }

        /** The same configuration with other split shares (the notes' 98/1/1 for big data). */
        public Config split(double train, double dev, double test) {
            return new Config(examples, train, dev, test, hidden, epochs, learningRate, lambda, keepProb, patience,
                    seed);
        }

        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /** One row of the table: a technique, the errors it reached (fractions), their diagnosis, its epochs. */
    public record Run(String name, String technique, double trainError, double devError, Diagnosis diagnosis,
                      int epochs) {
    }

    /**
     * The recipe's outcome.
     *
     * @param sizes     train, dev and test examples
     * @param baseline  the baseline's diagnosis
     * @param runs      the rows, baseline first
     * @param chosen    the run with the lowest dev error
     * @param testError the chosen run's test error
     * @param network   the chosen run's trained network
     * @param check     the gradient check of that network, on the training set
     */
    public record Result(Config config, int[] sizes, Diagnosis baseline, List<Run> runs, Run chosen,
                         double testError, Network network, GradCheckReport check) {
    }

    /** Told each epoch of each run (for a progress line). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (run, epoch, of) -> { };

        void epoch(String run, int epoch, int of);
    }

    /** The augmentation of the recipe: flips where the label allows, shifts of up to 2 pixels, ±12°, elastic bends. */
    public static Augmentation augmentation() {
        return Augmentation.of(new HorizontalFlip(Glyphs.mirrors(), 0.5), new Shift(2), new Rotation(12),
                new ElasticDistortion(0.8, 5));
    }

    public static Result run(Config c, Progress progress) {
        Rng root = new Rng(c.seed());
        Dataset all = Glyphs.generate(c.examples(), root.split());
        DataSplit.Split split = DataSplit.split(all, c.trainShare(), c.devShare(), c.testShare(), root.nextLong());
        if (split.dev() == null || split.test() == null) {
            throw new IllegalArgumentException("the recipe needs dev and test examples; the shares " + c.trainShare()
                    + "/" + c.devShare() + "/" + c.testShare() + " of " + c.examples() + " leave none");
        }
        Normalizer normalizer = Normalizer.fit(split.train().X());
        Dataset train = normalized(split.train(), normalizer);
        Dataset dev = normalized(split.dev(), normalizer);
        Dataset test = normalized(split.test(), normalizer);
        long weights = root.nextLong();
        double bayes = Glyphs.bayesError();

        List<Run> runs = new ArrayList<>();
        List<Network> nets = new ArrayList<>();
        Network baseline = network(c, c.hidden(), train, weights).build();
        train(baseline, c.epochs(), "baseline", progress);
        Run base = row("baseline", "as is", baseline, train, dev, bayes, c.epochs());
        runs.add(base);
        nets.add(baseline);

        Kind kind = base.diagnosis().kind();
        if (kind == Kind.HIGH_BIAS || kind == Kind.HIGH_BIAS_AND_VARIANCE) {
            int[] bigger = Arrays.stream(c.hidden()).map(h -> 2 * h).toArray();
            Network net = network(c, bigger, train, weights).build();
            train(net, 2 * c.epochs(), "bigger", progress);
            runs.add(row("bigger", "bigger network " + layers(bigger) + ", twice the epochs", net, train, dev,
                    bayes, 2 * c.epochs()));
            nets.add(net);
        }

        Network l2 = network(c, c.hidden(), train, weights).lambda(c.lambda()).build();
        train(l2, c.epochs(), "l2", progress);
        runs.add(row("l2", "L2, λ " + c.lambda(), l2, train, dev, bayes, c.epochs()));
        nets.add(l2);

        Network dropout = network(c, c.hidden(), train, weights).keepProb(c.keepProb()).build();
        train(dropout, c.epochs(), "dropout", progress);
        runs.add(row("dropout", "dropout, keep-prob " + c.keepProb(), dropout, train, dev, bayes, c.epochs()));
        nets.add(dropout);

        Network augmented = network(c, c.hidden(), train, weights).build();
        Augmentation augment = augmentation();
        Rng rng = root.split();
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            augmented.useBatch(normalized(augment.apply(split.train(), rng), normalizer));
            augmented.train(1);
            progress.epoch("augmentation", epoch, c.epochs());
        }
        augmented.useBatch(train);
        runs.add(row("augmentation", "augmentation: flips, shifts, rotations, distortions", augmented, train, dev,
                bayes, c.epochs()));
        nets.add(augmented);

        Network early = network(c, c.hidden(), train, weights).build();
        EarlyStopping.Result stopped = EarlyStopping.run(early, dev, c.epochs(), c.patience());
        runs.add(row("early-stopping", "early stopping, patience " + c.patience(), early, train, dev, bayes,
                stopped.bestEpoch()));
        nets.add(early);

        int best = 0;
        for (int i = 1; i < runs.size(); i++) {
            if (runs.get(i).devError() < runs.get(best).devError()) {
                best = i;
            }
        }
        Network chosen = nets.get(best);
        GradCheckReport check = NetworkCheck.run(chosen, GradientCheck.DEFAULT_EPSILON, 0);
        return new Result(c, new int[] {train.m(), dev.m(), test.m()}, base.diagnosis(), List.copyOf(runs),
                runs.get(best), chosen.error(test), chosen, check);
    }

    private static dev.gradcheck.nets.NetworkBuilder network(Config c, int[] hidden, Dataset train, long seed) {
        int[] n = new int[hidden.length + 2];
        n[0] = Glyphs.SHAPE.size();
        System.arraycopy(hidden, 0, n, 1, hidden.length);
        n[n.length - 1] = Glyphs.classes();
        return Network.builder().layers(n).activation(Activation.RELU).loss(Loss.SOFTMAX_CE).init(Init.HE)
                .learningRate(c.learningRate()).seed(seed).data(train);
    }

    private static void train(Network net, int epochs, String name, Progress progress) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            net.train(1);
            progress.epoch(name, epoch, epochs);
        }
    }

    private static Run row(String name, String technique, Network net, Dataset train, Dataset dev, double bayes,
                           int epochs) {
        double trainError = net.error(train);
        double devError = net.error(dev);
        return new Run(name, technique, trainError, devError, BiasVariance.diagnose(trainError, devError, bayes),
                epochs);
    }

    private static Dataset normalized(Dataset d, Normalizer normalizer) {
        return d.withX(normalizer.apply(d.X()));
    }

    private static String layers(int[] hidden) {
        StringBuilder s = new StringBuilder("256");
        for (int h : hidden) {
            s.append("-").append(h);
        }
        return s.append("-10").toString();
    }
}
