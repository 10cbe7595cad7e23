package dev.gradcheck.nets.practice;

import dev.gradcheck.nets.Matrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NormalizerTest {

    @Test
    void trainingSetGetsMeanZeroAndVarianceOne() {
        Matrix train = Matrix.of(new double[][] {{1, 2, 3, 6}, {10, 10, 30, 30}});
        Normalizer norm = Normalizer.fit(train);
        assertThat(norm.mean()).containsExactly(3, 20);
        assertThat(norm.variance()).containsExactly(3.5, 100);
        Matrix x = norm.apply(train);
        for (int i = 0; i < 2; i++) {
            double mean = 0;
            double var = 0;
            for (int j = 0; j < 4; j++) {
                mean += x.get(i, j) / 4;
            }
            for (int j = 0; j < 4; j++) {
                var += (x.get(i, j) - mean) * (x.get(i, j) - mean) / 4;
            }
            assertThat(mean).isCloseTo(0, within(1e-15));
            assertThat(var).isCloseTo(1, within(1e-15));
        }
    }

    @Test
    void devAndTestUseTheTrainingStatisticsUnchanged() {
        Normalizer norm = Normalizer.fit(Matrix.of(new double[][] {{1, 2, 3, 6}, {10, 10, 30, 30}}));
        Matrix dev = Matrix.of(new double[][] {{3, 10}, {20, 0}});
        Matrix x = norm.apply(dev);
        assertThat(x.data()).containsExactly(new double[] {0, 7 / Math.sqrt(3.5), 0, -2}, within(1e-15));
        // Not normalized by its own statistics: its mean is not 0.
        assertThat(x.get(0, 0) + x.get(0, 1)).isNotCloseTo(0, within(0.1));
    }

    @Test
    void aConstantFeatureIsOnlyCentred() {
        Normalizer norm = Normalizer.fit(Matrix.of(new double[][] {{5, 5, 5}}));
        assertThat(norm.apply(Matrix.of(new double[][] {{5, 7}})).data()).containsExactly(0, 2);
    }

    @Test
    void featureCountMustMatch() {
        Normalizer norm = Normalizer.fit(new Matrix(3, 4));
        assertThatThrownBy(() -> norm.apply(new Matrix(2, 4))).hasMessageContaining("fitted on 3 features");
    }
}
