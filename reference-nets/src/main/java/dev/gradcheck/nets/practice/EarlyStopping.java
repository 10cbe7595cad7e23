package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Dataset;
import dev.gradcheck.nets.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Early stopping on the dev-set error: train epoch by epoch (one epoch is one step of batch gradient descent on the
 * network's training batch), measure the dev error after each, stop when it has not improved for {@code patience}
 * epochs, and go back to the parameters of the best epoch.
 */
public final class EarlyStopping {
    private EarlyStopping() {
    }

    /**
     * @param bestEpoch      the epoch (0 = before any training) with the lowest dev error; the earliest on a tie
     * @param bestDevError   the dev error at that epoch
     * @param epochsRun      how many epochs were trained before stopping
     * @param devErrors      dev error after each epoch, index 0 before training
     * @param bestParameters the parameters of the best epoch, in {@code Network.parameters()} order (now also the
     *                       network's)
     */
    public record Result(int bestEpoch, double bestDevError, int epochsRun, List<Double> devErrors,
                         List<double[]> bestParameters) {
    }

    /**
     * Trains {@code net} for at most {@code maxEpochs} epochs and leaves it with the best epoch's parameters.
     */
    public static Result run(Network net, Dataset dev, int maxEpochs, int patience) {
        if (maxEpochs < 0 || patience < 1) {
            throw new IllegalArgumentException("need maxEpochs ≥ 0 and patience ≥ 1, got " + maxEpochs + " and "
                    + patience);
        }
        List<Double> errors = new ArrayList<>();
        double best = net.error(dev);
        errors.add(best);
        int bestEpoch = 0;
        List<double[]> bestParameters = net.snapshot();
        int epoch = 0;
        while (epoch < maxEpochs && epoch - bestEpoch < patience) {
            net.train(1);
            epoch++;
            double e = net.error(dev);
            errors.add(e);
            if (e < best) {
                best = e;
                bestEpoch = epoch;
                bestParameters = net.snapshot();
            }
        }
        net.restore(bestParameters);
        return new Result(bestEpoch, best, epoch, List.copyOf(errors), bestParameters);
    }
}
