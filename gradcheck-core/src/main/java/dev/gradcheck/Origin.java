package dev.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the error most likely starts. Backprop runs from layer L down, so a wrong dZ in layer l spoils dW and db of
 * layer l and of every layer below it, never one above: the highest failing layer is the likely origin, the layers
 * below may be wrong only because they inherit dA from it. The sentence says so when the failing layers form one run
 * down from the highest, and says when they do not (a GOOD layer between failing ones: separate errors). It needs to
 * know which block is which layer, which only a {@link Layered} model says; block names are never read for it.
 */
final class Origin {
    private Origin() {
    }

    static List<Finding> of(List<ComponentResult> components, List<LayerFacts> facts) {
        List<String> bug = components.stream().filter(c -> c.verdict() == Verdict.BUG).map(ComponentResult::name)
                .toList();
        if (bug.isEmpty()) {
            return List.of();
        }
        if (facts.isEmpty()) {
            // Without the model's word on which block is which layer there is no order to read: say nothing.
            return List.of();
        }
        TreeMap<Integer, List<String>> failing = new TreeMap<>();
        TreeSet<Integer> checked = new TreeSet<>();
        for (ComponentResult c : components) {
            LayerFacts f = LayerDiagnosis.layerOf(c.block(), facts);
            if (f == null || !c.checked()) {
                continue;
            }
            checked.add(f.layer());
            if (c.verdict() == Verdict.BUG) {
                failing.computeIfAbsent(f.layer(), l -> new ArrayList<>()).add(c.name());
            }
        }
        if (failing.isEmpty()) {
            return List.of();
        }
        int top = failing.lastKey();
        String topNames = String.join("/", failing.get(top));
        if (failing.size() == 1) {
            if (top == checked.first()) {
                return List.of();
            }
            // Only one layer fails while the layers below it are right: the wrong value does not flow down.
            return List.of(new Finding(Finding.Kind.ORIGIN, String.format("only layer %d fails (%s) and the %d checked "
                    + "layer%s below it %s GOOD: the error is in how %s %s formed, not in dZ%d, which would flow "
                    + "down into dA%d", top, topNames, checked.headSet(top).size(), checked.headSet(top).size() == 1
                    ? "" : "s", checked.headSet(top).size() == 1 ? "is" : "are", topNames,
                    failing.get(top).size() == 1 ? "is" : "are", top, top - 1)));
        }
        List<Integer> gaps = new ArrayList<>();
        for (int l : checked.subSet(failing.firstKey(), top)) {
            if (!failing.containsKey(l)) {
                gaps.add(l);
            }
        }
        List<String> below = new ArrayList<>();
        failing.headMap(top).values().forEach(below::addAll);
        if (!gaps.isEmpty()) {
            return List.of(new Finding(Finding.Kind.ORIGIN, String.format("layers %s fail but layer%s %s between them "
                    + "%s GOOD: a wrong dA does not pass a correct layer unchanged, so these look like separate errors; "
                    + "fix %s first (backprop flows down), then check %s on their own", failing.keySet(),
                    gaps.size() == 1 ? "" : "s", gaps, gaps.size() == 1 ? "is" : "are", topNames,
                    String.join(", ", below))));
        }
        return List.of(new Finding(Finding.Kind.ORIGIN, String.format("backprop flows down: layer %d is the highest "
                + "failing layer, so the error most likely starts there: fix %s first; %s may be wrong only because "
                + "they inherit dA%d (the failing layers %d..%d form one run down from it)", top, topNames,
                String.join(", ", below), top - 1, failing.firstKey(), top)));
    }
}
