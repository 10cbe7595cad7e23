package dev.gradcheck.nets.cli;

import dev.gradcheck.Shard;
import dev.gradcheck.nets.Activation;
import dev.gradcheck.nets.Init;
import dev.gradcheck.nets.Loss;
import dev.gradcheck.nets.bugs.Bug;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Option values as the command line spells them (relu, leaky-relu, sigmoid-ce, he, DW_TRANSPOSED, 4,5,3,1, 2/4),
 * registered once for every command by type, so an option only declares its type.
 */
final class Converters {
    private Converters() {
    }

    /** Registers the converters of the engine's option types on {@code cl} and all its subcommands. */
    static void register(CommandLine cl) {
        cl.registerConverter(Activation.class, parsing(Activation::fromLabel,
                v -> "expected " + choices(Activation.values(), Activation::label) + ", got '" + v + "'"));
        cl.registerConverter(Loss.class, parsing(Loss::fromLabel,
                v -> "expected " + choices(Loss.values(), Loss::label) + ", got '" + v + "'"));
        cl.registerConverter(Init.class, parsing(Init::fromLabel,
                v -> "expected " + choices(Init.values(), Init::label) + ", got '" + v + "'"));
        cl.registerConverter(Bug.class, parsing(Bug::fromName,
                v -> "no catalogue bug '" + v + "'; the catalogue has " + Bug.names()));
        cl.registerConverter(Shard.class, value -> {
            try {
                return Shard.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        });
        cl.registerConverter(LayerSizes.class, Converters::layers);
    }

    /**
     * The converter of a value named on the command line: {@code parse} it, and when it throws
     * IllegalArgumentException, fail with the one line {@code unknown} makes of the value.
     */
    static <T> ITypeConverter<T> parsing(Function<String, T> parse, Function<String, String> unknown) {
        return value -> {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(unknown.apply(value));
            }
        };
    }

    /** "relu, leaky-relu, tanh, sigmoid or linear". */
    static <T> String choices(T[] values, Function<T, String> label) {
        List<String> labels = Arrays.stream(values).map(label).toList();
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }

    /** "4,5,3,1" → {4, 5, 3, 1}: at least two sizes, each ≥ 1. */
    static LayerSizes layers(String value) {
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

    /** The parsed value of {@code --layers}. */
    record LayerSizes(int[] sizes) {
    }
}
