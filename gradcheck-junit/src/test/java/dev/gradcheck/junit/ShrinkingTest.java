package dev.gradcheck.junit;

import dev.gradcheck.junit.jqwik.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** A failing property over {@code @ForAll Architecture} shrinks to the smallest network that still fails. */
class ShrinkingTest {

    private static Throwable failureOf(String property) {
        String before = System.getProperty(ShrinkingFixtures.PROPERTY);
        System.setProperty(ShrinkingFixtures.PROPERTY, "true");
        try {
            EngineExecutionResults r = EngineTestKit.engine("jqwik")
                    .selectors(selectMethod(ShrinkingFixtures.class.getName() + "#" + property
                            + "(dev.gradcheck.junit.jqwik.Architecture)"))
                    .configurationParameter("jqwik.database", "target/jqwik-database")
                    .execute();
            assertThat(r.testEvents().failed().count()).as("failed properties").isEqualTo(1);
            return TestKit.throwable(r.testEvents().failed().list().get(0));
        } finally {
            if (before == null) {
                System.clearProperty(ShrinkingFixtures.PROPERTY);
            } else {
                System.setProperty(ShrinkingFixtures.PROPERTY, before);
            }
        }
    }

    @Test
    void anAlwaysFailingPropertyShrinksToTheSmallestNetwork() {
        assertThat(failureOf("everyArchitectureFails")).hasMessageContaining("shrunk to 1-1 sigmoid-ce m=1 seed=0");
    }

    @Test
    void shrinkingGoesTowardFewLayersOfWidthOne() {
        assertThat(failureOf("deepArchitecturesFail"))
                .hasMessageContaining("shrunk to 1-1-1-1 relu,relu sigmoid-ce m=1 seed=0");
    }

    @Test
    void aSeededGradientBugShrinksToOneLayerAndABatchOfTwo() {
        Throwable t = failureOf("aSeededBugIsCaughtAndShrunk");
        assertThat(t).hasMessageContaining("Expected the gradient check of 1-1 sigmoid-ce m=2 seed=0 "
                + "OUTPUT_DB_NOT_AVERAGED to pass, but it was BUG").hasMessageContaining("db1");
    }
}
