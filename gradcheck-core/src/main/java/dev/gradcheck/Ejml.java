package dev.gradcheck;

import dev.gradcheck.adapt.EjmlStorage;
import dev.gradcheck.adapt.TransposedStorage;
import org.ejml.data.DMatrixRMaj;

/**
 * Blocks and gradients over EJML's {@link DMatrixRMaj} (row-major {@code double[]} in its {@code data} field):
 * live and zero copy. EJML is an <em>optional</em> dependency of gradcheck-core: add {@code org.ejml:ejml-ddense}
 * (or ejml-core) to your own build to use this class. It is a class of its own, not overloads on
 * {@link ParameterBlock} and {@link Gradients}, so that those two never mention an EJML type: code without EJML
 * compiles against them, loads them and can reflect on them.
 *
 * <pre>{@code
 * List<ParameterBlock> parameters() { return List.of(Ejml.block("W1", W1), Ejml.block("b1", b1)); }
 * Gradients gradients() { ... return Gradients.builder().put("W1", Ejml.gradient(dW1)).put("b1", Ejml.gradient(db1)).build(); }
 * }</pre>
 */
public final class Ejml {
    private Ejml() {
    }

    /**
     * A live view of {@code matrix}: the block's entry (r, c) is {@code matrix.data[r·numCols + c]}. A later
     * {@code reshape} to another shape is an error naming the block.
     */
    public static ParameterBlock block(String name, DMatrixRMaj matrix) {
        return ParameterBlock.of(name, EjmlStorage.of(name, matrix));
    }

    /** A live view of a matrix the model stores inputs × units, reported units × inputs (see ofTransposed). */
    public static ParameterBlock blockTransposed(String name, DMatrixRMaj inputsByUnits) {
        return ParameterBlock.of(name, new TransposedStorage(EjmlStorage.of(name, inputsByUnits)));
    }

    /** A row-major copy of {@code gradient}, for {@code Gradients.builder().put(name, ...)}. */
    public static double[] gradient(DMatrixRMaj gradient) {
        return EjmlStorage.rowMajor("gradient", gradient, false);
    }

    /** The transpose of {@code gradient} (the model's inputs × units orientation), row-major, for a transposed block. */
    public static double[] gradientTransposed(DMatrixRMaj gradient) {
        return EjmlStorage.rowMajor("gradient", gradient, true);
    }
}
