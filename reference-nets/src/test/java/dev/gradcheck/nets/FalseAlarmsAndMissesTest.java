package dev.gradcheck.nets;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Verdict;
import dev.gradcheck.nets.bugs.Bug;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two error rates of the checker over many random tiny networks (1-6 units, 1-4 layers, every activation and
 * loss, L2, L1, dropout with frozen masks, batch 1-8, b = 0 at initialization so exact zeros and kinks are common),
 * each checked at initialization, with frozen dropout masks and after 10 training steps.
 *
 * <p>CI runs a modest count; {@code -Dgradcheck.trials.scale=60 -Dgradcheck.trials.print=true} runs sixty times as
 * many and prints a summary (a nightly-style run; the measured rates are in docs/checking.md, section 8: no false
 * alarm in 89,483 correct networks, 89 misses in 48,203 effective bug instances, 73 of them dropout bugs the frozen
 * masks do not exercise).
 */
class FalseAlarmsAndMissesTest {

    private static final int SCALE = Integer.getInteger("gradcheck.trials.scale", 1);

    record Sample(int[] layers, Activation g, Loss loss, double lambda, double l1, double keepProb, int batch,
                  int seed) {
        Network build(Bug bug) {
            NetworkBuilder b = Network.builder().layers(layers).activation(g).loss(loss).lambda(lambda).l1(l1)
                    .keepProb(keepProb).batch(batch).seed(seed).learningRate(0.01);
            return bug == null ? b.build() : b.bug(bug).build();
        }

        static Sample draw(Random rnd) {
            int depth = 2 + rnd.nextInt(4);
            int[] layers = new int[depth];
            for (int i = 0; i < depth; i++) {
                layers[i] = 1 + rnd.nextInt(6);
            }
            Activation g = Activation.values()[rnd.nextInt(Activation.values().length)];
            Loss loss = Loss.values()[rnd.nextInt(Loss.values().length)];
            if (loss == Loss.SOFTMAX_CE) {
                layers[depth - 1] = Math.max(2, layers[depth - 1]);
            }
            return new Sample(layers, g, loss, new double[] {0, 0.1, 0.7, 2}[rnd.nextInt(4)],
                    new double[] {0, 0, 0.1}[rnd.nextInt(3)], new double[] {1, 0.9, 0.5}[rnd.nextInt(3)],
                    1 + rnd.nextInt(8), 1 + rnd.nextInt(1000));
        }
    }

    /** The check, or null when training diverged (J above 1e3 measures round-off, not backprop). */
    private static GradCheckReport check(Network net) {
        try {
            GradCheckReport r = GradientCheck.of(net).afterTraining(10).run();
            boolean diverged = r.phases().stream().anyMatch(p -> p.cost() > 1e3 || p.typedFindings().stream()
                    .anyMatch(f -> f.kind() == dev.gradcheck.Finding.Kind.DIVERGED));
            return diverged ? null : r;
        } catch (GradientCheckException e) {
            String m = e.getMessage();
            if (m.contains("diverged") || m.contains("overflows") || m.contains("after 10 training steps")) {
                return null;
            }
            throw new AssertionError(net + ": " + m, e);
        }
    }

    @Test
    void correctNetworksGetNoBugAndInspectOnlyWhenUnresolved() {
        Random rnd = new Random(12345);
        int checked = 0;
        int unresolved = 0;
        List<String> alarms = new ArrayList<>();
        for (int t = 0; t < 1500 * SCALE; t++) {
            Network net = Sample.draw(rnd).build(null);
            GradCheckReport r = check(net);
            if (r == null) {
                continue;
            }
            checked++;
            if (r.verdict() == Verdict.INSPECT && honestlyUnresolved(r)) {
                unresolved++;
            } else if (r.verdict() != Verdict.GOOD) {
                alarms.add(net + "\n" + r);
            }
        }
        if (Boolean.getBoolean("gradcheck.trials.print")) {
            System.out.printf("SUMMARY correct networks checked: %d, false alarms: %d, unresolved: %d%n", checked,
                    alarms.size(), unresolved);
        }
        assertThat(checked).isGreaterThan(1400 * SCALE);
        assertThat(alarms).as("false alarms among %d correct networks", checked).isEmpty();
        // Tiny networks with frozen masks can have gradients of 1e-8 against J ≈ 10: below what J's round-off lets
        // any step up to 0.1 confirm to 1e-6. Measured: 1 in 1,495 at scale 1 (docs/checking.md, section 8).
        assertThat(unresolved).as("unresolved among %d correct networks", checked).isLessThanOrEqualTo(checked / 200);
    }

    /** INSPECT only because J's noise hides some components: each INSPECT component says so, none is BUG. */
    private static boolean honestlyUnresolved(GradCheckReport r) {
        return r.phases().stream().flatMap(p -> p.components().stream()).noneMatch(c -> c.verdict() == Verdict.BUG)
                && r.phases().stream().flatMap(p -> p.components().stream())
                .filter(c -> c.verdict() == Verdict.INSPECT && c.checked())
                .allMatch(c -> c.hints().stream().anyMatch(h -> h.startsWith("unresolved:")));
    }

    /**
     * A catalogue bug is "effective" when it changes dθ at initialization (some bugs change nothing in a given tiny
     * network: a transposed 1×1 dW, a dropout bug whose mask keeps everything). Of the effective ones, the few that
     * slip through are bugs whose only effect is at exact kinks (relu' taken from A differs from 1{Z > 0} only where
     * Z = 0, where either is a valid one-sided derivative) or dropout bugs whose effect the frozen masks of the
     * check happen not to exercise (the dropped units carry no gradient).
     */
    @Test
    void missesAreRareAndExplained() {
        Random rnd = new Random(777);
        int effective = 0;
        List<String> missed = new ArrayList<>();
        for (int t = 0; t < 1500 * SCALE; t++) {
            Sample s = Sample.draw(rnd);
            Bug bug = Bug.values()[rnd.nextInt(Bug.values().length)];
            Network net;
            try {
                net = s.build(bug);
            } catch (IllegalArgumentException notApplicable) {
                continue; // the catalogue refuses a bug that cannot change this network, with the reason
            }
            if (!changesTheGradient(net, s.build(null), s.keepProb())) {
                continue;
            }
            GradCheckReport r = check(net);
            if (r == null) {
                continue;
            }
            effective++;
            if (r.verdict() != Verdict.BUG) {
                missed.add(bug.name());
                if (!bug.name().startsWith("DROPOUT_") && Boolean.getBoolean("gradcheck.trials.print")) {
                    System.out.println("MISSED " + net + "\n" + r);
                }
            }
        }
        if (Boolean.getBoolean("gradcheck.trials.print")) {
            java.util.Map<String, Long> byBug = new java.util.TreeMap<>();
            missed.forEach(b -> byBug.merge(b, 1L, Long::sum));
            System.out.printf("SUMMARY effective bug instances: %d, missed: %d %s%n", effective, missed.size(), byBug);
        }
        assertThat(effective).isGreaterThan(700 * SCALE);
        assertThat((double) missed.size() / effective).as("missed among %d effective bug instances: %s", effective,
                missed).isLessThan(0.005);
    }

    private static boolean changesTheGradient(Network buggy, Network clean, double keepProb) {
        boolean differs = differs(buggy, clean, 1.0);
        if (keepProb < 1) {
            buggy.freezeMasks();
            clean.freezeMasks();
            differs |= differs(buggy, clean, keepProb);
            buggy.unfreezeMasks();
            clean.unfreezeMasks();
        }
        buggy.keepProb(keepProb);
        return differs;
    }

    private static boolean differs(Network a, Network b, double keepProb) {
        a.keepProb(keepProb);
        b.keepProb(keepProb);
        var ga = a.gradients();
        var gb = b.gradients();
        // Beyond 1e-6 of the block's gradient: a bug that only flips the sign of round-off-sized entries (db of a
        // softmax layer sums to ~1e-17) changes nothing a check could or should see.
        for (ParameterBlock p : a.parameters()) {
            double[] x = ga.get(p.name());
            double[] y = gb.get(p.name());
            double d2 = 0;
            double g2 = 0;
            for (int i = 0; i < x.length; i++) {
                d2 += (x[i] - y[i]) * (x[i] - y[i]);
                g2 += y[i] * y[i];
            }
            if (Math.sqrt(d2) > 1e-6 * Math.sqrt(g2) + 1e-12) {
                return true;
            }
        }
        return false;
    }
}
