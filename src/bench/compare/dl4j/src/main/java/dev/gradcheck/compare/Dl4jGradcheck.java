package dev.gradcheck.compare;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;
import java.util.Locale;

/**
 * DL4J's {@code GradientCheckUtil} on the reference networks, one JSON line per network, in the format of
 * {@code pytorch_gradcheck.py}: relu hidden layers, sigmoid output with binary cross-entropy (XENT, averaged over
 * the batch), L2 λ on the weights only, He init, double precision, ε = 1e-7, a synthetic batch of 64.
 *
 * <p>DL4J's L2 term is 0.5·l2·‖W‖² and is not divided by the batch size, so l2 = λ/m gives the course's
 * λ/(2m)·Σ‖W‖². The check itself is what DL4J does: each parameter is perturbed by ±ε in the flattened parameter
 * view and the whole network is scored (a full forward pass) each time.
 *
 * <p>Usage: {@code java -cp ... dev.gradcheck.compare.Dl4jGradcheck [--batch 64] [--lambda 0.7] [--budget S]
 * [--repeat N] LAYERS...}. Timing as in {@code pytorch_gradcheck.py}: the first check is timed cold ("first"); with
 * a budget and a first check under 2 s it is repeated until the budget or N checks are spent, the first half counts
 * as warm-up and "seconds" is the median of the second half ("best" its minimum). Without a budget, one check.
 */
public final class Dl4jGradcheck {
    private Dl4jGradcheck() {
    }

    public static void main(String[] args) {
        int batch = 64;
        double lambda = 0.7;
        double budget = 0;
        int maxRuns = 2000;
        java.util.List<String> specs = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--lambda" -> lambda = Double.parseDouble(args[++i]);
                case "--budget" -> budget = Double.parseDouble(args[++i]);
                case "--repeat" -> maxRuns = Integer.parseInt(args[++i]);
                default -> specs.add(args[i]);
            }
        }
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        String version = GradientCheckUtil.class.getPackage().getImplementationVersion();
        for (String spec : specs) {
            int[] n = Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
            MultiLayerNetwork net = network(n, batch, lambda);
            Nd4j.getRandom().setSeed(1);
            INDArray x = Nd4j.randn(DataType.DOUBLE, batch, n[0]);
            INDArray y = Nd4j.rand(DataType.DOUBLE, batch, n[n.length - 1]).gt(0.5).castTo(DataType.DOUBLE);
            java.util.List<Double> times = new java.util.ArrayList<>();
            boolean passed = true;
            do {
                long start = System.nanoTime();
                passed &= GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(x)
                        .labels(y).epsilon(1e-7).maxRelError(1e-3).minAbsoluteError(1e-8)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
                times.add((System.nanoTime() - start) / 1e9);
            } while (times.get(0) < 2 && times.stream().mapToDouble(Double::doubleValue).sum() < budget
                    && times.size() < maxRuns);
            java.util.List<Double> measured = new java.util.ArrayList<>(times.size() == 1 ? times
                    : times.subList(times.size() / 2, times.size()));
            measured.sort(null);
            System.out.println(String.format(Locale.ROOT, "{\"tool\": \"dl4j %s\", \"layers\": \"%s\", "
                            + "\"parameters\": %d, \"mode\": \"full\", \"seconds\": %.6g, \"best\": %.6g, "
                            + "\"first\": %.6g, \"runs\": %d, \"passed\": %b}", version == null ? "1.0.0-M2.1" : version,
                    spec, net.numParams(), measured.get(measured.size() / 2), measured.get(0), times.get(0),
                    times.size(), passed));
            System.out.flush();
        }
    }

    static MultiLayerNetwork network(int[] n, int batch, double lambda) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.RELU).l2(lambda / batch).list();
        for (int l = 1; l < n.length - 1; l++) {
            list.layer(new DenseLayer.Builder().nIn(n[l - 1]).nOut(n[l]).activation(Activation.RELU).build());
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).activation(Activation.SIGMOID)
                .nIn(n[n.length - 2]).nOut(n[n.length - 1]).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
