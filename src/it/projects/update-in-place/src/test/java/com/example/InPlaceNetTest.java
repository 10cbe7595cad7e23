package com.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.GradientCheckException;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.UpdateOnly;
import dev.gradcheck.Verdict;
import dev.gradcheck.junit.GradCheck;
import org.junit.jupiter.api.Test;

/** The network's own arrays and its own train(lr), checked as they are: no copy of θ or dθ anywhere. */
class InPlaceNetTest {

    static UpdateOnly model(InPlaceNet net) {
        return UpdateOnly.of(List.of(ParameterBlock.of("W1", net.W1), ParameterBlock.of("b1", net.b1),
                        ParameterBlock.of("W2", net.W2), ParameterBlock.of("b2", net.b2)), net::loss, net::train)
                .optimizerState(net.vW1).optimizerState(net.vb1).optimizerState(net.vW2).optimizerState(net.vb2);
    }

    static UpdateOnly inPlaceNet() {
        return model(new InPlaceNet(3, 4, 2, 5, 42, false)).trainWith(0.1);
    }

    /** One node per dW/db at initialization and after training (UpdateOnly.trainWith makes it Trainable). */
    @GradCheck
    void inPlaceNet(UpdateOnly model, GradCheckReport report) {
        System.out.println("checked in place: " + report.verdict());
    }

    @Test
    void theForgottenTanhDerivativeIsCaughtInLayerOne() {
        GradCheckReport report = GradientCheck.of(model(new InPlaceNet(3, 4, 2, 5, 42, true))).run();
        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.BUG);
        assertThat(report.component("dW1").orElseThrow().verdict()).isEqualTo(Verdict.BUG);
        assertThat(report.component("dW2").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
    }

    @Test
    void momentumNotResetIsRefusedAndTheWeightsAreLeftAsTheyWere() {
        InPlaceNet net = new InPlaceNet(3, 4, 2, 5, 42, false);
        double w = net.W1[2][1];
        UpdateOnly noReset = UpdateOnly.of(List.of(ParameterBlock.of("W1", net.W1), ParameterBlock.of("b1", net.b1),
                ParameterBlock.of("W2", net.W2), ParameterBlock.of("b2", net.b2)), net::loss, net::train);
        assertThatThrownBy(() -> GradientCheck.of(noReset).run()).isInstanceOf(GradientCheckException.class)
                .hasMessageContaining("not repeatable");
        assertThat(net.W1[2][1]).isEqualTo(w);
    }

    @Test
    void ejmlIsNotNeeded() {
        // gradcheck-core's EJML support is optional: this build does not have it, and everything above ran.
        assertThatThrownBy(() -> Class.forName("org.ejml.data.DMatrixRMaj")).isInstanceOf(ClassNotFoundException.class);
    }
}
