package dev.gradcheck.junit;

import dev.gradcheck.junit.jqwik.*;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik properties that are meant to fail, so that {@link ShrinkingTest} can see what they shrink to. Not a test
 * class by name (Surefire does not select it) and skipped unless {@link ShrinkingTest} runs it.
 */
@AddLifecycleHook(ShrinkingFixtures.OnlyInTestKit.class)
class ShrinkingFixtures {
    static final String PROPERTY = "gradcheck.test.jqwikFixtures";

    /** Fails for every architecture: shrinks to the smallest one of all. */
    @Property(seed = "11", afterFailure = AfterFailureMode.RANDOM_SEED)
    void everyArchitectureFails(@ForAll Architecture a) {
        throw new AssertionError("shrunk to " + a);
    }

    /** Fails from depth 3 on: shrinks to a depth-3 network as narrow and small as possible. */
    @Property(seed = "12", afterFailure = AfterFailureMode.RANDOM_SEED)
    void deepArchitecturesFail(@ForAll Architecture a) {
        if (a.depth() >= 3) {
            throw new AssertionError("shrunk to " + a);
        }
    }

    /** A seeded backprop bug visible only when m > 1: shrinks to one layer and a batch of 2. */
    @Property(seed = "13", afterFailure = AfterFailureMode.RANDOM_SEED)
    void aSeededBugIsCaughtAndShrunk(@ForAll Architecture a) {
        GradCheckAssertions.assertThat(DenseNet.build(a, DenseNet.Bug.OUTPUT_DB_NOT_AVERAGED)).passesGradientCheck();
    }

    /** Runs these properties only when {@link ShrinkingTest} asks for them. */
    static final class OnlyInTestKit implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Boolean.getBoolean(PROPERTY) ? SkipResult.doNotSkip()
                    : SkipResult.skip("meant to fail; run by ShrinkingTest only");
        }
    }
}
