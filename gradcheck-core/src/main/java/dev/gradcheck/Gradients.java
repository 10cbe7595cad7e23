package dev.gradcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.gradcheck.adapt.AccessorStorage;
import dev.gradcheck.adapt.Shapes;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * dθ from backpropagation: one row-major array per parameter block, keyed by the block's name ({@code "W1"}); the
 * report calls the component {@code dW1}. Build with {@code Gradients.builder().put("W1", dW1).put("b1", db1).build()}.
 *
 * <p>Gradients are accepted in the shapes parameters are (see {@link ParameterBlock} and {@code docs/adapting.md}):
 * a flat row-major {@code double[]}, a jagged {@code double[][]}, the transpose of either for a block made with
 * {@code ofTransposed} ({@link Builder#putTransposed(String, double[][])}: give dW in the model's own inputs × units
 * orientation), a Commons Math {@code RealMatrix}, or a getter; an EJML {@code DMatrixRMaj} through
 * {@link Ejml#gradient}. All but the flat array are copied into row-major order when put.
 */
public final class Gradients {
    private final Map<String, double[]> byName;

    private Gradients(Map<String, double[]> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The gradient of block {@code name}, or {@code null} when backprop did not provide one. */
    public double[] get(String name) {
        return byName.get(name);
    }

    /** True when a gradient for block {@code name} was put. */
    public boolean has(String name) {
        return byName.containsKey(name);
    }

    /** Block names in the order they were put. */
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Gradients[");
        byName.forEach((k, v) -> s.append(s.length() > 10 ? ", " : "").append('d').append(k).append('(')
                .append(v.length).append(')'));
        return s.append(']').toString();
    }

    /** Collects one array per block. Arrays are kept by reference; the checker copies what it needs at once. */
    public static final class Builder {
        private final Map<String, double[]> byName = new LinkedHashMap<>();

        private Builder() {
        }

        /** The gradient of block {@code name} (same length and row-major layout as the block). */
        public Builder put(String name, double[] gradient) {
            Objects.requireNonNull(name, "gradient block name");
            Objects.requireNonNull(gradient, () -> "gradient of block '" + name + "' is null");
            if (byName.putIfAbsent(name, gradient) != null) {
                throw new IllegalArgumentException("gradient for block '" + name + "' was put twice");
            }
            return this;
        }

        /**
         * The gradient of block {@code name} as a jagged {@code double[][]}, {@code dW[r][c]} (copied row-major).
         *
         * @throws IllegalArgumentException naming the block and the row when {@code gradient} is ragged or empty
         */
        public Builder put(String name, double[][] gradient) {
            Objects.requireNonNull(name, "gradient block name");
            return put(name, Shapes.rowMajor(name, gradient, false));
        }

        /**
         * The gradient of a block made with {@link ParameterBlock#ofTransposed}, in the model's own orientation:
         * {@code dW[input][unit]}, the same shape as the model's {@code w[input][unit]}. It is transposed here
         * into the block's units × inputs order.
         */
        public Builder putTransposed(String name, double[][] gradient) {
            Objects.requireNonNull(name, "gradient block name");
            return put(name, Shapes.rowMajor(name, gradient, true));
        }

        /** The gradient of block {@code name} as a Commons Math matrix of the block's shape (copied row-major). */
        public Builder put(String name, RealMatrix gradient) {
            Objects.requireNonNull(name, "gradient block name");
            return put(name, Shapes.rowMajor(name, gradient, false));
        }

        /** As {@link #putTransposed(String, double[][])}, for a Commons Math matrix in the model's orientation. */
        public Builder putTransposed(String name, RealMatrix gradient) {
            Objects.requireNonNull(name, "gradient block name");
            return put(name, Shapes.rowMajor(name, gradient, true));
        }

        /**
         * The gradient of a rows×cols block read entry by entry, for object-per-weight models
         * ({@code (r, c) -> neurons[r].dWeight(c)}); read once, here.
         */
        public Builder put(String name, int rows, int cols, ParameterBlock.Getter gradient) {
            Objects.requireNonNull(name, "gradient block name");
            Objects.requireNonNull(gradient, () -> "gradient of block '" + name + "' is null");
            if (rows <= 0 || cols <= 0) {
                throw new IllegalArgumentException("gradient of block '" + name + "' has shape " + rows + "×" + cols
                        + ": both dimensions must be positive");
            }
            return put(name, Shapes.copy(new AccessorStorage(name, rows, cols, gradient, (r, c, v) -> {
                throw new UnsupportedOperationException("a gradient is read only");
            }), false));
        }

        public Gradients build() {
            return new Gradients(new LinkedHashMap<>(byName));
        }
    }
}
