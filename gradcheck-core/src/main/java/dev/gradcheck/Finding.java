package dev.gradcheck;

/**
 * One typed observation of a check: what kind it is, and the sentence a person reads. Tools filter by kind, never by
 * the wording.
 *
 * @param kind     what the sentence is about
 * @param sentence the text, with its numbers
 */
public record Finding(Kind kind, String sentence) {

    /** What a finding is about. */
    public enum Kind {
        /** The pattern of the disagreement names a kind of bug (a factor, a sign, a transpose, a missing term...). */
        DIAGNOSIS,
        /** Why the component's or phase's verdict is what it is. */
        VERDICT,
        /** The error exceeds what J's measured noise allows: a real error. */
        BEYOND_NOISE,
        /** J's noise at ε hides the gradient; re-measured at a larger step, or left unresolved. */
        UNRESOLVED,
        /** Nothing could be judged in the component. */
        NOT_CHECKED,
        /** Entries on a kink of J: judged against a one-sided slope, or set aside. */
        KINKS,
        /** Entries wrong at θ only, fine a hair away: set aside. */
        NON_GENERIC,
        /** Entries judged against a Richardson extrapolation because truncation showed. */
        TRUNCATION,
        /** How J's noise was measured. */
        NOISE,
        /** Dropout forced off, or checked with frozen masks. */
        DROPOUT,
        /** The split of a regularized model into data and penalty parts. */
        REGULARIZATION,
        /** Training diverged before the phase could be checked. */
        DIVERGED,
        /** Fast mode's directional check, and which entries of a block the full check then measured. */
        FAST,
        /** The full check would exceed the per-phase budget, so the phase was checked blockwise-fast. */
        BUDGET,
        /** Which coordinates a shard covered, or that a report was merged from shards. */
        SHARD,
        /** Which components are wrong. */
        SUMMARY,
        /** Where the error most likely starts when several layers fail (or why the report cannot say). */
        ORIGIN
    }

    public Finding {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(sentence, "sentence");
    }

    @Override
    public String toString() {
        return sentence;
    }
}
