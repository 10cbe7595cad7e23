package com.example;

import static dev.gradcheck.junit.GradCheckAssertions.assertThat;

import org.junit.jupiter.api.Test;

class AssertionsTest {
    @Test
    void passesWithAssertJ() {
        assertThat(new TwoLayerNet(2, 3, 4, 0.0, 7)).afterTraining(0).passesGradientCheck().component("dW2").isGood();
    }
}
