package com.example;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.gradcheck.junit.GradCheckAssertions;

/** This project has no AssertJ: @GradCheck works, and GradCheckAssertions says what is missing. */
class WithoutAssertJTest {
    @Test
    void assertThatSaysAssertJIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradCheckAssertions.assertThat(new Mlp(2, 3, 4, 0.0, 7)));
        assertTrue(e.getMessage().startsWith("GradCheckAssertions.assertThat needs AssertJ"), e.getMessage());
    }

    @Test
    void noAssertJNoJqwikNoJackson() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.assertj.core.api.AbstractAssert"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.jqwik.api.Arbitrary"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.fasterxml.jackson.databind.ObjectMapper"));
    }
}
