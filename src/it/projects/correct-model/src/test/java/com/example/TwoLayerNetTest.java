package com.example;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.junit.GradCheck;

class TwoLayerNetTest {

    static TwoLayerNet twoLayerNet() {
        return new TwoLayerNet(3, 4, 5, 0.1, 42);
    }

    /** One node per dW/db at initialization and after 100 training steps, then this body with the report. */
    @GradCheck
    void twoLayerNet(TwoLayerNet net, GradCheckReport report) {
        System.out.println("checked " + net + ": " + report.verdict());
    }
}
