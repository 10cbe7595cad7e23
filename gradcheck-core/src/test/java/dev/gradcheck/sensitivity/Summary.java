package dev.gradcheck.sensitivity;

import dev.gradcheck.Verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the sensitivity suite measured, collected as its cases run (also when they fail) and rendered as two
 * markdown tables: per conditioning the detection threshold of each error shape beside the false-alarm count, and
 * per cell (conditioning × shape × δ) the verdicts with the contract violations marked.
 */
final class Summary {

    /** One check: its verdict (null when the check threw), whether it broke the contract, the phase's floor. */
    record Outcome(Verdict verdict, boolean violation, double floor) {
    }

    private final Map<Conditioning, List<Outcome>> correct = new EnumMap<>(Conditioning.class);
    private final Map<Conditioning, Map<ErrorShape, List<List<Outcome>>>> injected = new EnumMap<>(Conditioning.class);

    /** {@code shape} null for a correct gradient. */
    synchronized void add(Conditioning c, ErrorShape shape, int deltaIndex, Verdict verdict, boolean violation,
                          double floor) {
        Outcome o = new Outcome(verdict, violation, floor);
        if (shape == null) {
            correct.computeIfAbsent(c, k -> new ArrayList<>()).add(o);
            return;
        }
        injected.computeIfAbsent(c, k -> new EnumMap<>(ErrorShape.class)).computeIfAbsent(shape, k -> {
            List<List<Outcome>> perDelta = new ArrayList<>();
            for (int d = 0; d < SensitivityTest.DELTAS.length; d++) {
                perDelta.add(new ArrayList<>());
            }
            return perDelta;
        }).get(deltaIndex).add(o);
    }

    synchronized String render() {
        StringBuilder s = new StringBuilder("SENSITIVITY detection threshold: the smallest δ from which every case is"
                + " BUG (\"none\": not even at 1e-1)\n\n| conditioning | floor (median, correct) | correct: false alarms (BUG) / checked"
                + " | correct: INSPECT |");
        for (ErrorShape e : ErrorShape.values()) {
            s.append(' ').append(e.description).append(" |");
        }
        s.append(" contract violations |\n|---|---|---|---|").append("---|".repeat(ErrorShape.values().length + 1))
                .append('\n');
        for (Conditioning c : Conditioning.values()) {
            List<Outcome> ok = correct.getOrDefault(c, List.of());
            long bugs = ok.stream().filter(Outcome::violation).count(); // BUG overall or in a component, or threw
            long inspect = ok.stream().filter(o -> o.verdict() == Verdict.INSPECT).count();
            long violations = ok.stream().filter(Outcome::violation).count();
            s.append("| ").append(c.description).append(" | ").append(String.format("%.1e", median(ok)))
                    .append(" | ").append(bugs).append(" / ").append(ok.size()).append(" | ").append(inspect)
                    .append(" |");
            for (ErrorShape e : ErrorShape.values()) {
                List<List<Outcome>> perDelta = injected.getOrDefault(c, Map.of()).get(e);
                s.append(' ').append(perDelta == null ? "not run" : threshold(perDelta)).append(" |");
                if (perDelta != null) {
                    violations += perDelta.stream().flatMap(List::stream).filter(Outcome::violation).count();
                }
            }
            s.append(' ').append(violations).append(" |\n");
        }
        s.append("\nSENSITIVITY verdicts per cell (nB/nI/nG: how many cases were BUG/INSPECT/GOOD, nE: threw;"
                + " ✗n: n cases broke the contract)\n\n| conditioning | error shape |");
        for (String d : SensitivityTest.DELTA_NAMES) {
            s.append(" δ = ").append(d).append(" |");
        }
        s.append("\n|---|---|").append("---|".repeat(SensitivityTest.DELTAS.length)).append('\n');
        for (Conditioning c : Conditioning.values()) {
            for (ErrorShape e : ErrorShape.values()) {
                List<List<Outcome>> perDelta = injected.getOrDefault(c, Map.of()).get(e);
                if (perDelta == null) {
                    continue;
                }
                s.append("| ").append(c.description).append(" | ").append(e.description).append(" |");
                for (List<Outcome> cell : perDelta) {
                    s.append(' ').append(cell(cell)).append(" |");
                }
                s.append('\n');
            }
        }
        return s.toString();
    }

    private static String threshold(List<List<Outcome>> perDelta) {
        String from = "none";
        for (int d = perDelta.size() - 1; d >= 0; d--) {
            List<Outcome> cell = perDelta.get(d);
            if (cell.isEmpty() || cell.stream().anyMatch(o -> o.verdict() != Verdict.BUG)) {
                break;
            }
            from = SensitivityTest.DELTA_NAMES[d];
        }
        return from;
    }

    private static String cell(List<Outcome> cell) {
        StringBuilder s = new StringBuilder();
        for (Verdict v : new Verdict[] {Verdict.BUG, Verdict.INSPECT, Verdict.GOOD, null}) {
            long n = cell.stream().filter(o -> o.verdict() == v).count();
            if (n > 0) {
                s.append(s.length() > 0 ? " " : "").append(n).append(v == null ? "E" : v.name().substring(0, 1));
            }
        }
        long broken = cell.stream().filter(Outcome::violation).count();
        if (broken > 0) {
            s.append(" ✗").append(broken);
        }
        return s.toString();
    }

    private static double median(List<Outcome> outcomes) {
        double[] f = outcomes.stream().mapToDouble(Outcome::floor).sorted().toArray();
        return f.length == 0 ? Double.NaN : f[f.length / 2];
    }
}
