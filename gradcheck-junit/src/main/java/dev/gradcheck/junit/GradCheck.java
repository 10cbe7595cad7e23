package dev.gradcheck.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gradient-checks the models of a factory method, one test node per gradient component per phase.
 *
 * <pre>{@code
 * static TwoLayerNet net() { return new TwoLayerNet(4, 5, 1, 42); }
 *
 * @GradCheck
 * void net(TwoLayerNet model) { }          // the factory has the test's name and no parameters
 * }</pre>
 *
 * <p>The test tree then shows, for each phase (at initialization, and after training when the model is
 * {@link dev.gradcheck.Trainable}) and each parameter block:
 * <pre>
 * net(TwoLayerNet)
 *   [init] dW1 (5×4)
 *   [init] db1 (5×1)
 *   ...
 *   [after 100 steps] dW2 (1×5)
 *   [report]
 * </pre>
 * The names are stable: model, phase and component only, never a ratio (which differs between JDKs and code
 * changes); the numbers are in the messages, a report entry per node, the printed report and the report files. A
 * {@code BUG} node fails with an opentest4j {@code AssertionFailedError} whose message starts with the model, the
 * phase and the component's report, and whose expected/actual are the numerical/analytic gradients. An
 * {@code INSPECT} node passes and publishes its report, unless {@link #strict()}. What could not be checked is an
 * aborted node with the reason. The last node, {@code [report]}, runs the method's body: it may take the model and
 * the {@link dev.gradcheck.GradCheckReport} as parameters.
 *
 * <p>The model comes from a factory method in the test class (or a superclass): the one named by {@link #value()},
 * else the method with the test method's own name and no parameters (as JUnit's {@code @MethodSource}). It is
 * static, or an instance method under {@code @TestInstance(PER_CLASS)}, and returns one model or a
 * {@code Stream}, {@code Collection}, {@code Iterable}, {@code Iterator} or array of them. With several models every
 * node name starts with the model's {@code toString()} (or, for a class without one, its name and zero-padded
 * number: {@code Mlp #01}). A model returned to several test methods (one shared instance) is checked by one of
 * them at a time, also in a parallel run.
 *
 * <p>Every attribute left at its default takes its value from the JUnit configuration parameter named beside it
 * ({@code junit-platform.properties} or {@code -Dgradcheck.epsilon=1e-6}), else the built-in default.
 *
 * <p>Configuration parameters without an attribute: {@code gradcheck.report.print} ({@code failures}, the default:
 * the whole report of a failing check, one line for a passing one; {@code all}; {@code none}),
 * {@code gradcheck.progress} ({@code false} turns off the progress lines of long checks) and
 * {@code gradcheck.reportDir}.
 *
 * <p>The configuration parameter {@code gradcheck.shard=k/n} (no attribute: it belongs to a CI job, not to the test)
 * splits every check: the run checks only shard k of n of θ's coordinates, fails or passes only the components in that
 * slice (the others are aborted nodes, so that every job has the same names), and writes
 * {@code <method>.shard-k-of-n.json}; merging the n files gives the unsplit report (see
 * {@code docs/sharding.md}).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(GradCheckExtension.class)
public @interface GradCheck {

    /**
     * The factory method: {@code "nets"} for a method of the test class (or a superclass), or
     * {@code "com.example.Models#nets"} for a static method of another class. Default: the test method's own name.
     */
    String value() default "";

    /** The finite-difference step ε, in (0, 1e-2]. Default: {@code gradcheck.epsilon}, else 1e-7. */
    double epsilon() default Double.NaN;

    /** GOOD below this ratio. Default: {@code gradcheck.good}, else 1e-6. */
    double good() default Double.NaN;

    /** BUG at this ratio or above. Default: {@code gradcheck.bug}, else 1e-3. */
    double bug() default Double.NaN;

    /**
     * Training steps before the second check. 0 checks once. Default: {@code gradcheck.trainingSteps}, else 100, for
     * models that implement {@link dev.gradcheck.Trainable} (others are checked once). A value above 0 here on a
     * model that is not Trainable is a configuration error.
     */
    int trainingSteps() default -1;

    /**
     * Fail INSPECT nodes too (by default they pass, with their report published). True here, or
     * {@code gradcheck.strict=true}, makes the check strict.
     */
    boolean strict() default false;

    /** How many of the worst entries each component report lists. Default: {@code gradcheck.worstEntries}, else 5. */
    int worstEntries() default -1;

    /**
     * Fast mode: compare directional derivatives along this many random directions first, and run the full check
     * only when that is not GOOD. 0 is off. Default: {@code gradcheck.fast}, else 0.
     */
    int fast() default -1;

    /**
     * Precise mode: a fourth-order five-point stencil with a step per coordinate instead of the central difference at
     * ε (4 cost evaluations per parameter instead of 2; correct models reach ratios near 1e-10). True here, or
     * {@code gradcheck.precise=true}.
     */
    boolean precise() default false;

    /**
     * The budget of each phase: cost evaluations ({@code "20000"}) or seconds ({@code "30s"}); {@code "0"} or
     * {@code "none"} for the full check always. A model whose full check needs more is checked block by block along
     * random directions, with the full check on the blocks that are not GOOD (the report's header says so). Default:
     * {@code gradcheck.budget}, else 10,000 evaluations (about 4,975 parameters; not for StructuredCost models).
     */
    String budget() default "";

    /** Seed for everything random in the check (fast-mode directions). */
    long seed() default 1;
}
