package dev.gradcheck.nets;

/** The one-line description of a network that the demo, {@code check} and the reports print. */
final class Description {
    private Description() {
    }

    /** "layers 4,5,3,1 · relu · sigmoid-ce · λ 0.7 · keep-prob 0.8 · he · m 3 · seed 1" (then the bug, if any). */
    static String of(Network net) {
        int[] n = net.sizes();
        int depth = net.depth();
        StringBuilder s = new StringBuilder("layers ");
        for (int i = 0; i < n.length; i++) {
            s.append(i == 0 ? "" : ",").append(n[i]);
        }
        s.append(" · ").append(net.activation().label()).append(" · ").append(net.loss().label());
        s.append(" · λ ").append(fmt(net.lambda()));
        if (net.l1() > 0) {
            s.append(" · λ₁ ").append(fmt(net.l1()));
        }
        // The configured keep-probs, also while the checker has dropout forced off.
        double minKeep = 1;
        for (int l = 1; l < depth; l++) {
            minKeep = Math.min(minKeep, net.keepProb(l));
        }
        if (minKeep < 1) {
            boolean uniform = true;
            for (int l = 1; l < depth; l++) {
                uniform &= net.keepProb(l) == minKeep;
            }
            s.append(" · keep-prob ");
            if (uniform) {
                s.append(fmt(minKeep));
            } else {
                for (int l = 1; l < depth; l++) {
                    s.append(l == 1 ? "" : "/").append(fmt(net.keepProb(l)));
                }
            }
        }
        s.append(" · ").append(net.init().label()).append(" · m ").append(net.m()).append(" · seed ")
                .append(net.seed());
        if (net.bug() != null) {
            s.append(" · bug ").append(net.bug().name()).append(" in layer ").append(net.bug().layer(n));
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
