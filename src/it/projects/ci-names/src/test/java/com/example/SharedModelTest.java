package com.example;

import dev.gradcheck.junit.GradCheck;

/** Four test methods whose factory returns one instance, run in parallel: checked one at a time, all correct. */
class SharedModelTest {
    static final Mlp SHARED = new Mlp(4, 6, 8, 0.1, 3);

    static Mlp shared() {
        return SHARED;
    }

    @GradCheck("shared")
    void first(Mlp mlp) {
    }

    @GradCheck("shared")
    void second(Mlp mlp) {
    }

    @GradCheck("shared")
    void third(Mlp mlp) {
    }

    @GradCheck("shared")
    void fourth(Mlp mlp) {
    }
}
