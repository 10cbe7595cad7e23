package dev.gradcheck.nets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BlasTest {

    @Test
    void multipliesAsTheDefinitionSays() {
        Matrix a = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Matrix b = Matrix.of(new double[][] {{7, 8}, {9, 10}, {11, 12}});
        Matrix c = Blas.multiply(a, b);
        assertThat(c.shape()).isEqualTo("2×2");
        assertThat(c.data()).containsExactly(58, 64, 139, 154);
    }

    @Test
    void everyTransposeCombinationMatchesATripleLoop() {
        Rng rng = new Rng(3);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int r = 7;
                int k = 5;
                int c = 4;
                Matrix a = ta ? Synthetic.gaussian(k, r, 1, rng) : Synthetic.gaussian(r, k, 1, rng);
                Matrix b = tb ? Synthetic.gaussian(c, k, 1, rng) : Synthetic.gaussian(k, c, 1, rng);
                Matrix out = Synthetic.gaussian(r, c, 1, rng);
                Matrix old = out.copy();
                Blas.gemm(0.5, a, ta, b, tb, 2.0, out);
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += (ta ? a.get(p, i) : a.get(i, p)) * (tb ? b.get(j, p) : b.get(p, j));
                        }
                        assertThat(out.get(i, j)).as("transA %s transB %s (%d, %d)", ta, tb, i, j)
                                .isCloseTo(0.5 * s + 2.0 * old.get(i, j), within(1e-12));
                    }
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresWhatWasInC() {
        Matrix c = new Matrix(1, 1);
        c.set(0, 0, Double.NaN);
        Blas.gemm(1, Matrix.of(new double[][] {{2}}), false, Matrix.of(new double[][] {{3}}), false, 0, c);
        assertThat(c.get(0, 0)).isEqualTo(6);
    }

    @Test
    void innerDimensionMismatchNamesBothShapes() {
        Matrix a = new Matrix(5, 4);
        Matrix b = new Matrix(3, 2);
        assertThatThrownBy(() -> Blas.multiply(a, b))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5×4").hasMessageContaining("3×2").hasMessageContaining("inner dimensions 4 and 3");
    }

    @Test
    void wrongOutputShapeIsNamed() {
        assertThatThrownBy(() -> Blas.gemm(1, new Matrix(2, 3), false, new Matrix(3, 4), false, 0, new Matrix(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("op(A)·op(B) is 2×4 but C is 4×2");
    }

    @Test
    void outputMayNotAliasAnInput() {
        Matrix a = new Matrix(2, 2);
        assertThatThrownBy(() -> Blas.gemm(1, a, false, new Matrix(2, 2), false, 0, a))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share");
    }

    @Test
    void badMatrixShapesAreRefused() {
        assertThatThrownBy(() -> new Matrix(0, 3)).hasMessageContaining("0×3");
        assertThatThrownBy(() -> new Matrix(2, 3, new double[5])).hasMessageContaining("needs 6 values, got 5");
        assertThatThrownBy(() -> Matrix.of(new double[][] {{1, 2}, {3}})).hasMessageContaining("row 1 has 1");
    }

    @Test
    void arraysWithExplicitShapesUseOnlyTheirLeadingValues() {
        double[] a = {1, 2, 3, 4, 5, 6, 99, 99};
        double[] b = {7, 8, 9, 10, 11, 12, 99};
        double[] c = {-1, -1, -1, -1, -1};
        Blas.gemm(1.0, a, 2, 3, false, b, 3, 2, false, 0.0, c, 2, 2);
        assertThat(c).containsExactly(58, 64, 139, 154, -1);
        assertThatThrownBy(() -> Blas.gemm(1.0, a, 3, 3, false, b, 3, 2, false, 0.0, c, 3, 2))
                .hasMessageContaining("A is 3×3 but its array holds 8 values");
        assertThatThrownBy(() -> Blas.gemm(1.0, a, 2, 3, false, b, 2, 3, false, 0.0, c, 2, 3))
                .hasMessageContaining("inner dimensions 3 and 2 differ");
    }

    @Test
    void runsOnOneThreadUnlessConfigured() {
        if (System.getProperty(Blas.THREADS_PROPERTY) == null && System.getenv("OPENBLAS_NUM_THREADS") == null) {
            assertThat(Blas.threads()).isEqualTo(1);
        }
    }
}
