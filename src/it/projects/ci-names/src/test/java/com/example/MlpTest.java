package com.example;

import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.gradcheck.junit.GradCheck;

/** Twelve models from one factory: numbered Mlp #01 … Mlp #12 in the node names (the class has no toString). */
class MlpTest {
    static Stream<Mlp> mlps() {
        return IntStream.rangeClosed(1, 12).mapToObj(seed -> new Mlp(3, 4, 5, 0.1, seed));
    }

    @GradCheck("mlps")
    void everyMlp(Mlp mlp) {
    }
}
