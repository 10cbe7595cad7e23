package dev.gradcheck.junit.jqwik;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Bounds for a {@code @ForAll Architecture} parameter:
 * {@code @ForAll @ArchitectureBounds(maxDepth = 3, maxWidth = 8, losses = Loss.MSE) Architecture a}.
 * Unset attributes keep the defaults of {@link Architectures#architectures()}.
 */
@Target({ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ArchitectureBounds {
    int minDepth() default 1;

    int maxDepth() default 5;

    int minWidth() default 1;

    int maxWidth() default 16;

    int minInputSize() default 1;

    int maxInputSize() default 16;

    int minBatch() default 1;

    int maxBatch() default 16;

    /** Hidden activations to choose from; empty = all of {@link Activation#hidden()}. */
    Activation[] activations() default {};

    /** Losses to choose from; empty = all. */
    Loss[] losses() default {};

    /** Largest λ₂; 0 turns L2 off. */
    double maxLambdaL2() default 1.0;

    /** Largest λ₁; 0 turns L1 off. */
    double maxLambdaL1() default 0.1;

    /** Smallest keep-prob; 1 turns dropout off. */
    double minKeepProb() default 0.5;
}
