package dev.gradcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * dθ from backpropagation: one row-major array per parameter block, keyed by the block's name ({@code "W1"}); the
 * report calls the component {@code dW1}. Build with {@code Gradients.builder().put("W1", dW1).put("b1", db1).build()}.
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

        public Gradients build() {
            return new Gradients(new LinkedHashMap<>(byName));
        }
    }
}
