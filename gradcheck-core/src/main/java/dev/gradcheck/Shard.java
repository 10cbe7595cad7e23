package dev.gradcheck;

/**
 * One slice of a split check: shard {@code index} of {@code count} (1-based, as in {@code --shard 2/4}) checks the
 * coordinates of θ from ⌊(index−1)·N/count⌋ to ⌊index·N/count⌋ in flattened order. Every shard computes dθ whole
 * (one backprop) and its own slice of dθ_approx; {@link GradCheckReport#merge} adds the shards into exactly the
 * report one unsplit check gives.
 *
 * @param index 1 … count
 * @param count how many shards the check is split into
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is k/n with 1 ≤ k ≤ n, got " + index + "/" + count);
        }
    }

    /** Parses {@code "k/n"}, e.g. {@code "2/4"}. */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("a shard is written k/n (for example 2/4), got '" + text + "'");
    }

    /** First global coordinate of this shard. */
    public long from(long coordinates) {
        return coordinates * (index - 1) / count;
    }

    /** One past the last global coordinate of this shard. */
    public long to(long coordinates) {
        return coordinates * index / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
