package dev.gradcheck;

/**
 * A progress line on stderr for checks that run longer than two seconds, only when a person is watching (a console,
 * and not CI): a build log should not fill with carriage returns.
 */
final class Progress {
    static final Progress SILENT = new Progress(0, false);

    private final long total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private long done;
    private long lastPrint;
    private boolean printed;

    private Progress(long total, boolean enabled) {
        this.total = total;
        this.enabled = enabled;
    }

    static Progress forCheck(long coordinates, boolean allowed) {
        boolean interactive = System.console() != null && System.getenv("CI") == null;
        return allowed && interactive ? new Progress(coordinates, true) : SILENT;
    }

    synchronized void advance(long n) {
        if (!enabled) {
            return;
        }
        done += n;
        long now = System.nanoTime();
        if (now - start > 2_000_000_000L && now - lastPrint > 200_000_000L) {
            lastPrint = now;
            printed = true;
            double seconds = (now - start) / 1e9;
            double eta = done == 0 ? 0 : seconds * (total - done) / done;
            System.err.printf("\rgradcheck: %3d%% (%,d of %,d coordinates, %.0f s left)   ",
                    total == 0 ? 100 : (int) (100 * done / total), done, total, eta);
        }
    }

    synchronized void done() {
        if (printed) {
            System.err.print("\r" + " ".repeat(70) + "\r");
            printed = false;
        }
    }
}
