package dev.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every storage kind a user's model may hold its weights in: live, restored, checked, oriented as the course. */
class AdaptedBlocksTest {
    private static final TanhLayer LAYER = new TanhLayer(2, 3, 4, 11);

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void aCorrectModelIsGoodInItsOwnStorageBeforeAndAfterTraining(StorageKind kind) {
        StorageKind.Model model = new StorageKind.Model(kind, LAYER, null);
        long[] before = model.bits();
        GradCheckReport report = GradientCheck.of(model).afterTraining(20).run();
        assertThat(report.verdict()).as("%s storage:%n%s", kind, report).isEqualTo(Verdict.GOOD);
        assertThat(report.phases()).as("both phases ran").hasSize(2);
        assertThat(model.bits()).as("the model's own storage is restored bit for bit").isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void aWrongEntryIsReportedInTheCourseOrientationWithTheUsersIndexBeside(StorageKind kind) {
        StorageKind.Model model = new StorageKind.Model(kind, LAYER, new int[] {1, 2});
        GradCheckReport report = GradientCheck.of(model).run();
        ComponentResult dW = report.component("dW").orElseThrow();
        assertThat(dW.verdict()).as(report.toString()).isEqualTo(Verdict.BUG);
        assertThat(dW.shape()).as("W is reported units × inputs").isEqualTo("2×3");
        EntryResult worst = dW.worstEntries().get(0);
        assertThat(new int[] {worst.row(), worst.column()}).as("the worst entry is unit 1, input 2").containsExactly(1, 2);
        ParameterBlock w = model.parameters().get(0);
        int[] user = w.userIndex(worst.row(), worst.column());
        if (kind == StorageKind.TRANSPOSED) {
            assertThat(w.transposed()).isTrue();
            assertThat(user).as("in the model's w[input][unit] it is w[2][1]").containsExactly(2, 1);
        } else {
            assertThat(w.transposed()).isFalse();
            assertThat(user).containsExactly(1, 2);
        }
        assertThat(report.component("db").orElseThrow().verdict()).isEqualTo(Verdict.GOOD);
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void theStorageIsRestoredWhenTheCostThrowsMidCheck(StorageKind kind) {
        StorageKind.Model model = new StorageKind.Model(kind, LAYER, null);
        long[] before = model.bits();
        model.throwAtCall = 9; // past validation, in the middle of the central differences
        assertThatThrownBy(() -> GradientCheck.of(model).run()).hasStackTraceContaining("fails on purpose");
        assertThat(model.costCalls).as("the check got as far as the failing call").isGreaterThanOrEqualTo(9);
        assertThat(model.bits()).as("restored bit for bit after the throw").isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void writesThroughTheBlockReachTheModelAndTheModelsWritesReachTheBlock(StorageKind kind) {
        StorageKind.Model model = new StorageKind.Model(kind, LAYER, null);
        ParameterBlock w = model.parameters().get(0);
        w.set(1 * 3 + 2, 0.625);
        assertThat(model.store.w(1, 2)).as("block entry (1, 2) is the model's W[1][2]").isEqualTo(0.625);
        model.store.w(0, 1, -1.5);
        assertThat(w.get(0, 1)).isEqualTo(-1.5);
        assertThat(w.toArray()[1]).isEqualTo(-1.5);
        double[] values = {1, 2, 3, 4, 5, 6};
        w.copyFrom(values);
        assertThat(model.store.w(1, 0)).as("copyFrom is row-major").isEqualTo(4);
        assertThat(w.toArray()).containsExactly(values);
    }

    @Test
    void aRaggedDoubleArrayIsRefusedWithTheRowNamed() {
        double[][] ragged = {{1, 2, 3}, {4, 5, 6}, {7, 8}};
        assertThatThrownBy(() -> ParameterBlock.of("W2", ragged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'W2' is ragged").hasMessageContaining("row 2 has 2 entries but row 0 has 3");
        assertThatThrownBy(() -> ParameterBlock.ofTransposed("W2", ragged)).hasMessageContaining("row 2 has 2");
        assertThatThrownBy(() -> Gradients.builder().put("W2", ragged))
                .hasMessageContaining("the gradient of block 'W2' is ragged: row 2 has 2 entries");
        assertThatThrownBy(() -> ParameterBlock.of("W2", new double[0][])).hasMessageContaining("no rows");
        assertThatThrownBy(() -> ParameterBlock.of("W2", new double[][] {{1}, null}))
                .hasMessageContaining("row 1").hasMessageContaining("null");
        assertThatThrownBy(() -> ParameterBlock.of("W2", new double[][] {{}})).hasMessageContaining("empty");
    }

    @Test
    void aRowReplacedByOneOfAnotherLengthIsNamedWhenTheBlockIsUsed() {
        double[][] w = {{1, 2}, {3, 4}};
        ParameterBlock block = ParameterBlock.of("W1", w);
        w[1] = new double[] {9, 9, 9};
        assertThatThrownBy(block::toArray).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'W1': row 1").hasMessageContaining("length 3");
        w[1] = new double[] {5, 6};
        assertThat(block.get(1, 1)).as("a replaced row of the same length is seen").isEqualTo(6);
    }

    @Test
    void aSetterThatDoesNotStoreADoubleIsRefusedWithTheEntry() {
        float[] weights = {0.5f, 0.25f};
        ParameterBlock w = ParameterBlock.of("W1", 1, 2, (r, c) -> weights[c], (r, c, v) -> weights[c] = (float) v);
        assertThatThrownBy(() -> w.set(1, 0.1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'W1'").hasMessageContaining("entry [0,1]").hasMessageContaining("float");
        w.set(0, 0.75);
        assertThat(weights[0]).as("a value a float holds exactly is fine").isEqualTo(0.75f);
    }

    @Test
    void aBlockRealMatrixAcrossTilesIsLiveEntryByEntry() {
        double[][] data = new double[60][70];
        for (int r = 0; r < 60; r++) {
            for (int c = 0; c < 70; c++) {
                data[r][c] = r * 100 + c;
            }
        }
        BlockRealMatrix m = new BlockRealMatrix(data);
        ParameterBlock block = ParameterBlock.of("W", m);
        assertThat(block.shape()).isEqualTo("60×70");
        assertThat(block.get(55 * 70 + 53)).as("entry (55, 53) is in the last tile").isEqualTo(5553);
        block.set(55 * 70 + 53, -1);
        assertThat(m.getEntry(55, 53)).isEqualTo(-1);
        assertThat(block.toArray()).hasSize(4200).startsWith(0, 1, 2);
        assertThat(block.storage()).isEqualTo("BlockRealMatrix 60×70");
    }

    @Test
    void anArray2DRowRealMatrixIsViewedThroughItsOwnRows() {
        Array2DRowRealMatrix m = new Array2DRowRealMatrix(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        ParameterBlock block = ParameterBlock.of("W", m);
        block.set(5, 60);
        assertThat(m.getDataRef()[2][1]).as("written into the matrix's own array").isEqualTo(60);
        ParameterBlock t = ParameterBlock.ofTransposed(ParameterBlock.of("W", m));
        assertThat(t.shape()).isEqualTo("2×3");
        assertThat(t.get(1, 2)).isEqualTo(60);
        assertThat(t.storage()).isEqualTo("Array2DRowRealMatrix 3×2, shown transposed");
    }

    @Test
    void aSuppliedMatrixFollowsTheFieldTheModelReplacesAndRefusesAnotherShape() {
        RealMatrix[] field = {MatrixUtils.createRealMatrix(new double[][] {{1, 2}})};
        ParameterBlock block = ParameterBlock.of("W", () -> field[0]);
        field[0] = field[0].scalarMultiply(10);
        assertThat(block.toArray()).containsExactly(10, 20);
        block.set(0, 7);
        assertThat(field[0].getEntry(0, 0)).isEqualTo(7);
        field[0] = MatrixUtils.createRealMatrix(2, 2);
        assertThatThrownBy(() -> block.get(0)).hasMessageContaining("'W' was made over a 1×2 matrix")
                .hasMessageContaining("2×2");
    }

    @Test
    void anEjmlMatrixIsViewedWithoutACopyAndAReshapeIsRefused() {
        DMatrixRMaj m = new DMatrixRMaj(2, 3);
        ParameterBlock block = Ejml.block("W", m);
        block.set(4, 2.5);
        assertThat(m.data[4]).isEqualTo(2.5);
        m.set(0, 2, -3);
        assertThat(block.get(0, 2)).isEqualTo(-3);
        ParameterBlock t = Ejml.blockTransposed("W", m);
        assertThat(t.shape()).isEqualTo("3×2");
        assertThat(t.get(2, 0)).isEqualTo(-3);
        m.reshape(3, 2);
        assertThatThrownBy(block::toArray).hasMessageContaining("'W'").hasMessageContaining("reshaped to 3×2");
    }

    @Test
    void gradientsArriveInTheSameShapesAsTheBlocks() {
        double[][] dW = {{1, 2, 3}, {4, 5, 6}};
        double[][] dWInOut = {{1, 4}, {2, 5}, {3, 6}};
        Gradients g = Gradients.builder().put("A", dW).putTransposed("B", dWInOut)
                .put("C", MatrixUtils.createRealMatrix(dW)).putTransposed("D", MatrixUtils.createRealMatrix(dWInOut))
                .put("E", Ejml.gradient(new DMatrixRMaj(dW))).put("F", Ejml.gradientTransposed(new DMatrixRMaj(dWInOut)))
                .put("G", 2, 3, (r, c) -> dW[r][c]).build();
        for (String name : List.of("A", "B", "C", "D", "E", "F", "G")) {
            assertThat(g.get(name)).as("d%s row-major, units × inputs", name).containsExactly(1, 2, 3, 4, 5, 6);
        }
        dW[0][0] = 99;
        assertThat(g.get("A")[0]).as("a jagged gradient is copied when put").isEqualTo(1);
    }

    @Test
    void theOriginalFlatBlockKeepsItsBehaviour() {
        double[] data = {0, 1, 2, 3, 4, 5, 6, 7};
        ParameterBlock b = ParameterBlock.of("W", 2, 3, data, 2);
        assertThat(b.toArray()).containsExactly(2, 3, 4, 5, 6, 7);
        b.copyFrom(new double[] {9, 9, 9, 9, 9, 8});
        assertThat(data).containsExactly(0, 1, 9, 9, 9, 9, 9, 8);
        assertThat(b.transposed()).isFalse();
        assertThat(b.userIndex(1, 2)).containsExactly(1, 2);
        assertThat(b.storage()).isEqualTo("double[8] from offset 2");
        assertThatThrownBy(() -> b.get(6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.userIndex(2, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
