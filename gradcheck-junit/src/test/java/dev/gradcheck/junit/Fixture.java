package dev.gradcheck.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that exists to be run by another test through JUnit's {@code EngineTestKit} (many of them are
 * meant to fail). It runs only when the configuration parameter {@value #PARAMETER} is {@code true}, which only
 * {@link TestKit} sets; Surefire does not select these static nested classes anyway, and an IDE that does shows
 * them as skipped.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Fixture.OnlyInTestKit.class)
@interface Fixture {
    String PARAMETER = "gradcheck.test.fixtures";

    /** Enables a {@link Fixture} class only under {@link TestKit}. */
    final class OnlyInTestKit implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(PARAMETER).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("run by the EngineTestKit")
                    : ConditionEvaluationResult.disabled("a fixture for the EngineTestKit tests; it is meant to fail "
                    + "and runs only with " + PARAMETER + "=true");
        }
    }
}
