package dev.gradcheck.sensitivity;

import dev.gradcheck.ComponentResult;
import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.PhaseResult;
import dev.gradcheck.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * How small an error the checker finds, on models written the way users write them (not the project's fixtures),
 * for costs of several conditionings ({@link Conditioning}) and errors of several shapes ({@link ErrorShape}) of
 * relative size δ = 1e-7 … 1e-1. The truth is known exactly: each model has its correct backprop, so
 * r_true = ‖g_bad − g‖/(‖g_bad‖ + ‖g‖) needs no finite difference ({@link Truth}). The contract:
 * <ol>
 *   <li>a correct gradient is never BUG (no component either);</li>
 *   <li>an error with r_true ≥ the GOOD threshold and ≥ 10 × the phase's measured accuracy floor is BUG, in the
 *       component it was injected into (and no error-free component is BUG);</li>
 *   <li>never GOOD when the truth is not: GOOD (overall or for a component) only with r_true below 10 × the GOOD
 *       threshold, so an error the checker cannot resolve comes out INSPECT.</li>
 * </ol>
 *
 * <p>CI runs one seed per injected case and three per correct model (about 750 checks of tiny models);
 * {@code -Dgradcheck.sensitivity.scale=N} multiplies the seeds and {@code -Dgradcheck.sensitivity.print=true}
 * prints, per conditioning, the measured detection threshold (the smallest δ from which every case of an error
 * shape is BUG) beside the false-alarm count, and a per-cell table of verdicts (docs/checking.md, section 8).
 */
class SensitivityTest {

    private static final int SCALE = Integer.getInteger("gradcheck.sensitivity.scale", 1);
    private static final boolean PRINT = Boolean.getBoolean("gradcheck.sensitivity.print");

    static final double[] DELTAS = {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1};
    static final String[] DELTA_NAMES = {"1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1"};

    /** The course's GOOD threshold (the checker's default). */
    private static final double GOOD = 1e-6;
    /** An error this many times the measured floor is one the checker can resolve, and must call BUG. */
    private static final double RESOLVABLE_OVER_FLOOR = 10;
    /**
     * GOOD is allowed up to r_true < 10 × GOOD, not < GOOD: the verdict is taken on a measured ratio, which differs
     * from r_true by the finite-difference error (up to the floor) and divides by ‖dθ_approx‖ where r_true divides
     * by ‖g‖, so an error of a few 1e-6 can honestly measure below 1e-6. A factor 10 absorbs that without letting
     * the course's "take a careful look" band (1e-5 and up) through as GOOD.
     */
    private static final double GOOD_SLACK = 10;

    private static final Summary SUMMARY = new Summary();

    @TestFactory
    Stream<DynamicNode> aCorrectGradientIsNeverBug() {
        return Stream.of(Conditioning.values()).map(c -> DynamicContainer.dynamicContainer(c.description,
                IntStream.rangeClosed(1, 3 * SCALE).mapToObj(seed ->
                        DynamicTest.dynamicTest("seed " + seed, () -> checkCorrect(c, seed)))));
    }

    @TestFactory
    Stream<DynamicNode> anErrorIsBugWhenResolvableAndNeverGoodWhenNot() {
        return Stream.of(Conditioning.values()).map(c -> DynamicContainer.dynamicContainer(c.description,
                Stream.of(ErrorShape.values()).map(shape -> DynamicContainer.dynamicContainer(shape.description,
                        injectedCases(c, shape)))));
    }

    private static Stream<DynamicNode> injectedCases(Conditioning c, ErrorShape shape) {
        String[] blocks = c.build(1).names;
        List<DynamicNode> cases = new ArrayList<>();
        for (int d = 0; d < DELTAS.length; d++) {
            int deltaIndex = d;
            for (int block = 0; block < (shape.oneBlock ? blocks.length : 1); block++) {
                int b = block;
                String into = shape.oneBlock ? " into d" + blocks[block] : "";
                for (int seed = 1; seed <= SCALE; seed++) {
                    int s = seed;
                    cases.add(DynamicTest.dynamicTest("δ = " + DELTA_NAMES[d] + into + ", seed " + seed,
                            () -> checkInjected(c, shape, deltaIndex, b, s)));
                }
            }
        }
        return cases.stream();
    }

    private static void checkCorrect(Conditioning c, long seed) {
        UserModel model = c.build(seed);
        String what = c.description + " | correct gradient | seed " + seed;
        GradCheckReport r = run(model, what, () -> SUMMARY.add(c, null, -1, null, true, 0));
        PhaseResult phase = r.phases().get(0);
        boolean bug = r.verdict() == Verdict.BUG || r.components().stream().anyMatch(x -> x.verdict() == Verdict.BUG);
        SUMMARY.add(c, null, -1, r.verdict(), bug, phase.accuracyFloor());
        assertThat(r.verdict()).as("%s: true ratio 0, reported ratio %.3e, verdict %s, floor %.3e; %s%n%s", what,
                r.ratio(), r.verdict(), phase.accuracyFloor(), components(r, null, model), r).isNotEqualTo(Verdict.BUG);
        assertThat(r.components()).as("%s: no component of a correct gradient may be BUG; %s", what,
                components(r, null, model)).noneMatch(x -> x.verdict() == Verdict.BUG);
    }

    private static void checkInjected(Conditioning c, ErrorShape shape, int deltaIndex, int block, long seed) {
        UserModel model = c.build(seed);
        double delta = DELTAS[deltaIndex];
        Injected bad = shape.inject(model, delta, block, seed);
        Truth truth = Truth.of(model.backprop(model.theta), bad.wrong());
        String what = c.description + " | " + shape.description + " | δ = " + DELTA_NAMES[deltaIndex]
                + (shape.oneBlock ? " into d" + model.names[block] : "") + " | seed " + seed;
        GradCheckReport r = run(bad, what, () -> SUMMARY.add(c, shape, deltaIndex, null, true, 0));
        double floor = r.phases().get(0).accuracyFloor();
        String numbers = String.format("true ratio %.3e, reported ratio %.3e, verdict %s, floor %.3e; %s",
                truth.ratio(), r.ratio(), r.verdict(), floor, components(r, truth, model));

        boolean resolvable = truth.ratio() >= GOOD && truth.ratio() >= RESOLVABLE_OVER_FLOOR * floor;
        List<String> violations = new ArrayList<>();
        if (resolvable && r.verdict() != Verdict.BUG) {
            violations.add("(2) resolvable (true ratio ≥ 1e-6 and ≥ 10 × floor) but " + r.verdict() + ", not BUG");
        }
        if (resolvable && r.verdict() == Verdict.BUG) {
            for (ComponentResult x : r.components()) {
                double t = truth.componentRatios()[index(model, x)];
                boolean injectedHere = shape.oneBlock ? index(model, x) == block : t >= GOOD / GOOD_SLACK;
                if (shape.oneBlock && injectedHere && x.verdict() != Verdict.BUG) {
                    violations.add("(2) the error is in " + x.name() + " but " + x.name() + " is " + x.verdict());
                }
                if (!injectedHere && x.verdict() == Verdict.BUG) {
                    violations.add("(2) " + x.name() + " is BUG but its true ratio is " + String.format("%.1e", t));
                }
            }
            if (!shape.oneBlock && r.components().stream().noneMatch(x -> x.verdict() == Verdict.BUG)) {
                violations.add("(2) BUG but no component is BUG");
            }
        }
        if (r.verdict() == Verdict.GOOD && truth.ratio() >= GOOD * GOOD_SLACK) {
            violations.add("(3) GOOD although the true ratio is ≥ 1e-5");
        }
        for (ComponentResult x : r.components()) {
            double t = truth.componentRatios()[index(model, x)];
            if (x.verdict() == Verdict.GOOD && t >= GOOD * GOOD_SLACK) {
                violations.add(String.format("(3) %s is GOOD although its true ratio is %.1e", x.name(), t));
            }
        }
        SUMMARY.add(c, shape, deltaIndex, r.verdict(), !violations.isEmpty(), floor);
        assertThat(violations).as("%s: %s%n%s", what, numbers, r).isEmpty();
    }

    private interface OnError {
        void record();
    }

    private static GradCheckReport run(dev.gradcheck.Differentiable model, String what, OnError onError) {
        try {
            return GradientCheck.of(model).run();
        } catch (RuntimeException e) {
            onError.record();
            return fail(what + ": the check threw " + e, e);
        }
    }

    private static int index(UserModel model, ComponentResult x) {
        for (int k = 0; k < model.names.length; k++) {
            if (x.name().equals("d" + model.names[k])) {
                return k;
            }
        }
        throw new AssertionError("the report has a component " + x.name() + " the model does not have");
    }

    /** "dW1 GOOD 3.1e-09 (true 0.0e+00), ..." */
    private static String components(GradCheckReport r, Truth truth, UserModel model) {
        return r.components().stream().map(x -> String.format("%s %s %.1e (true %.1e)", x.name(), x.verdict(),
                x.ratio(), truth == null ? 0 : truth.componentRatios()[index(model, x)]))
                .collect(Collectors.joining(", "));
    }

    @AfterAll
    static void printSummary() {
        if (PRINT) {
            System.out.println(SUMMARY.render());
        }
    }
}
