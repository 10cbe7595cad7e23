package dev.gradcheck.nets.cli;

import dev.gradcheck.Shard;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.bugs.Bug;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values as the command line spells them (relu, leaky-relu, sigmoid-ce, he, DW_TRANSPOSED, 4,5,3,1, 2/4).
 */
final class Converters {
    private Converters() {
    }

    static final class ActivationConverter implements ITypeConverter<Activation> {
        @Override
        public Activation convert(String value) {
            try {
                return Activation.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected relu, leaky-relu, tanh, sigmoid or linear, got '" + value
                        + "'");
            }
        }
    }

    static final class LossConverter implements ITypeConverter<Loss> {
        @Override
        public Loss convert(String value) {
            try {
                return Loss.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected sigmoid-ce, softmax-ce or mse, got '" + value + "'");
            }
        }
    }

    static final class InitConverter implements ITypeConverter<Init> {
        @Override
        public Init convert(String value) {
            try {
                return Init.fromLabel(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected he, xavier or glorot, got '" + value + "'");
            }
        }
    }

    static final class BugConverter implements ITypeConverter<Bug> {
        @Override
        public Bug convert(String value) {
            try {
                return Bug.fromName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("no catalogue bug '" + value + "'; the catalogue has "
                        + Bug.names());
            }
        }
    }

    /** "2/4" → shard 2 of 4 (1-based). */
    static final class ShardConverter implements ITypeConverter<Shard> {
        @Override
        public Shard convert(String value) {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** "4,5,3,1" → {4, 5, 3, 1}: at least two sizes, each ≥ 1. */
    static final class LayersConverter implements ITypeConverter<LayerSizes> {
        @Override
        public LayerSizes convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length < 2) {
                throw new TypeConversionException("expected at least two comma-separated sizes, input size first "
                        + "(e.g. 4,5,3,1), got '" + value + "'");
            }
            int[] n = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    n[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new TypeConversionException("'" + parts[i].trim() + "' in '" + value + "' is not a whole "
                            + "number (sizes are comma-separated, e.g. 4,5,3,1)");
                }
                if (n[i] < 1) {
                    throw new TypeConversionException("every layer size must be ≥ 1, got " + n[i] + " in '" + value
                            + "'");
                }
            }
            return new LayerSizes(n);
        }
    }

    /** The parsed value of {@code --layers}. */
    record LayerSizes(int[] sizes) {
    }
}
