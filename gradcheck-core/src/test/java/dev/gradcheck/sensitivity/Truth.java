package dev.gradcheck.sensitivity;

/**
 * The exact error of a wrong analytic gradient against the correct one (both known here, no finite differences):
 * r_true = ‖g_bad − g‖/(‖g_bad‖ + ‖g‖), over all of θ and per block. This is the ratio a perfect checker would
 * report.
 */
record Truth(double ratio, double[] componentRatios) {

    static Truth of(double[][] correct, double[][] wrong) {
        double d2 = 0;
        double a2 = 0;
        double b2 = 0;
        double[] per = new double[correct.length];
        for (int k = 0; k < correct.length; k++) {
            double dk = 0;
            double ak = 0;
            double bk = 0;
            for (int i = 0; i < correct[k].length; i++) {
                double d = wrong[k][i] - correct[k][i];
                dk += d * d;
                ak += wrong[k][i] * wrong[k][i];
                bk += correct[k][i] * correct[k][i];
            }
            per[k] = ratio(dk, ak, bk);
            d2 += dk;
            a2 += ak;
            b2 += bk;
        }
        return new Truth(ratio(d2, a2, b2), per);
    }

    private static double ratio(double d2, double a2, double b2) {
        return d2 == 0 ? 0 : Math.sqrt(d2) / (Math.sqrt(a2) + Math.sqrt(b2));
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
