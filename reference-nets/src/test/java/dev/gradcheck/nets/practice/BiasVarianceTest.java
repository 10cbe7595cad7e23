package dev.gradcheck.nets.practice;

import org.junit.jupiter.api.Test;

import static dev.gradcheck.nets.practice.BiasVariance.Kind.HIGH_BIAS;
import static dev.gradcheck.nets.practice.BiasVariance.Kind.HIGH_BIAS_AND_VARIANCE;
import static dev.gradcheck.nets.practice.BiasVariance.Kind.HIGH_VARIANCE;
import static dev.gradcheck.nets.practice.BiasVariance.Kind.LOW_BIAS_AND_VARIANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The four cases of the notes, with a Bayes error near 0. */
class BiasVarianceTest {

    @Test
    void onePercentElevenPercentIsHighVariance() {
        assertThat(BiasVariance.diagnose(0.01, 0.11).kind()).isEqualTo(HIGH_VARIANCE);
    }

    @Test
    void fifteenSixteenIsHighBias() {
        assertThat(BiasVariance.diagnose(0.15, 0.16).kind()).isEqualTo(HIGH_BIAS);
    }

    @Test
    void fifteenThirtyIsBoth() {
        assertThat(BiasVariance.diagnose(0.15, 0.30).kind()).isEqualTo(HIGH_BIAS_AND_VARIANCE);
    }

    @Test
    void halfPercentOnePercentIsNeither() {
        assertThat(BiasVariance.diagnose(0.005, 0.01).kind()).isEqualTo(LOW_BIAS_AND_VARIANCE);
    }

    @Test
    void withABayesErrorOfFifteenPercentFifteenSixteenIsFine() {
        BiasVariance.Diagnosis d = BiasVariance.diagnose(0.15, 0.16, 0.15);
        assertThat(d.kind()).isEqualTo(LOW_BIAS_AND_VARIANCE);
        assertThat(d.avoidableBias()).isCloseTo(0, within(1e-15));
        assertThat(d.variance()).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void explainsItself() {
        assertThat(BiasVariance.diagnose(0.01, 0.11).toString())
                .contains("train 1.0%, dev 11.0%").contains("variance 10.0%").contains("regularize");
    }

    @Test
    void errorsMustBeFractions() {
        assertThatThrownBy(() -> BiasVariance.diagnose(15, 16)).hasMessageContaining("fractions");
    }
}
