package dev.gradcheck.adapting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.gradcheck.Differentiable;
import dev.gradcheck.Ejml;
import dev.gradcheck.GradientCheck;
import dev.gradcheck.Gradients;
import dev.gradcheck.ParameterBlock;
import dev.gradcheck.Trainable;
import dev.gradcheck.Verdict;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** docs/adapting.md, "Matrix classes". */
class MatrixExampleTest {
    // doc:begin
    /** Commons Math, with private fields that every training step replaces by new matrices. */
    static class Layer implements Differentiable, Trainable {
        private RealMatrix W = MatrixUtils.createRealMatrix(new double[][] {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.6}});
        private RealMatrix b = MatrixUtils.createColumnRealMatrix(new double[] {0.05, -0.1});
        private final RealMatrix X = MatrixUtils.createRealMatrix(new double[][] {{1, -1}, {0.5, 2}, {-1.5, 0.3}});
        private final RealMatrix Y = MatrixUtils.createRealMatrix(new double[][] {{0.2, -0.4}, {0.7, 0.1}});
        private final int m = 2;

        public List<ParameterBlock> parameters() {
            return List.of(ParameterBlock.of("W", () -> W), ParameterBlock.of("b", () -> b)); // whichever W is current
        }

        public double cost() {
            RealMatrix E = forward().subtract(Y);
            return E.getFrobeniusNorm() * E.getFrobeniusNorm() / (2 * m);
        }

        public Gradients gradients() {
            RealMatrix[] d = backprop();
            return Gradients.builder().put("W", d[0]).put("b", d[1]).build(); // RealMatrix gradients
        }

        public void train(int steps) {
            for (int s = 0; s < steps; s++) {
                RealMatrix[] d = backprop();
                W = W.subtract(d[0].scalarMultiply(0.5)); // new objects: the blocks' suppliers follow them
                b = b.subtract(d[1].scalarMultiply(0.5));
            }
        }

        private RealMatrix[] backprop() {
            RealMatrix A = forward();
            RealMatrix dZ = A.subtract(Y);
            for (int u = 0; u < 2; u++) {
                for (int j = 0; j < m; j++) {
                    double a = A.getEntry(u, j);
                    dZ.setEntry(u, j, dZ.getEntry(u, j) * (1 - a * a) / m);
                }
            }
            RealMatrix ones = MatrixUtils.createColumnRealMatrix(new double[] {1, 1});
            return new RealMatrix[] {dZ.multiply(X.transpose()), dZ.multiply(ones)};
        }

        private RealMatrix forward() {
            RealMatrix A = W.multiply(X);
            for (int u = 0; u < 2; u++) {
                for (int j = 0; j < m; j++) {
                    A.setEntry(u, j, Math.tanh(A.getEntry(u, j) + b.getEntry(u, 0)));
                }
            }
            return A;
        }
    }

    @Test
    void checksCommonsMathFieldsBeforeAndAfterTheyAreReplaced() {
        assertThat(GradientCheck.of(new Layer()).afterTraining(10).run().verdict()).isEqualTo(Verdict.GOOD);
    }

    /** EJML (an optional dependency: add org.ejml:ejml-ddense to your build): blocks over DMatrixRMaj, zero copy. */
    static class EjmlLayer implements Differentiable {
        final DMatrixRMaj W = new DMatrixRMaj(new double[][] {{0.3, -0.2, 0.5}, {0.1, 0.4, -0.6}});
        final DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1}, {0.5}, {-1.5}});
        final DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0.2}, {0.7}});

        public List<ParameterBlock> parameters() {
            return List.of(Ejml.block("W", W));
        }

        public double cost() { // J = ½·‖W·x − y‖²
            DMatrixRMaj e = new DMatrixRMaj(2, 1);
            CommonOps_DDRM.mult(W, x, e);
            CommonOps_DDRM.subtractEquals(e, y);
            return 0.5 * CommonOps_DDRM.dot(e, e);
        }

        public Gradients gradients() { // dW = (W·x − y)·xᵀ
            DMatrixRMaj e = new DMatrixRMaj(2, 1);
            CommonOps_DDRM.mult(W, x, e);
            CommonOps_DDRM.subtractEquals(e, y);
            DMatrixRMaj dW = new DMatrixRMaj(2, 3);
            CommonOps_DDRM.multTransB(e, x, dW);
            return Gradients.builder().put("W", Ejml.gradient(dW)).build();
        }
    }

    @Test
    void checksEjmlMatricesInPlace() {
        assertThat(GradientCheck.of(new EjmlLayer()).run().verdict()).isEqualTo(Verdict.GOOD);
    }
    // doc:end
}
