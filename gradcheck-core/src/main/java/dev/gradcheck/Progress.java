package dev.gradcheck;

import java.io.PrintStream;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of a long numerical gradient on stderr, in one of two forms:
 * <ul>
 *   <li>on a terminal (a person watching), after 2 s, one line rewritten in place with carriage returns;</li>
 *   <li>anywhere else (a build log, CI), for checks that run longer than 5 s, a plain line every 10 s, such as
 *       {@code gradcheck: dW1 of model Mlp[2]: 41% of 50,803 coordinates, 12 s left}, so that a long check is not
 *       mistaken for a hung build.</li>
 * </ul>
 * Both are off with {@code -Dgradcheck.progress=false} (or the environment variable {@code GRADCHECK_PROGRESS=false}),
 * and for one check with {@link GradientCheck#progress(boolean) progress(false)}.
 *
 * <p>Who runs the check may name the model for the line with {@link #label(String)} (the JUnit extension and the
 * command line do); the component is the block that holds the coordinate the check has reached.
 */
public final class Progress {
    static final Progress SILENT = new Progress(0, Mode.OFF, null, List.of(), System::nanoTime, System.err);

    /** Plain lines: the first after this long, then one per {@link #PLAIN_EVERY_NANOS}. */
    static final long PLAIN_AFTER_NANOS = 5_000_000_000L;
    static final long PLAIN_EVERY_NANOS = 10_000_000_000L;
    /** The terminal line: after this long, rewritten at most this often. */
    static final long TTY_AFTER_NANOS = 2_000_000_000L;
    static final long TTY_EVERY_NANOS = 200_000_000L;

    private static final ThreadLocal<String> LABEL = new ThreadLocal<>();

    enum Mode { OFF, TTY, PLAIN }

    /** Name and size of one parameter block, to say which component the check is in. */
    record Block(String component, int size) {
    }

    private final long total;
    private final Mode mode;
    private final String model;
    private final List<Block> blocks;
    private final LongSupplier clock;
    private final PrintStream out;
    private final long start;
    private long done;
    private long lastPrint;
    private boolean printed;

    Progress(long total, Mode mode, String model, List<Block> blocks, LongSupplier clock, PrintStream out) {
        this.total = total;
        this.mode = mode;
        this.model = model;
        this.blocks = blocks;
        this.clock = clock;
        this.out = out;
        this.start = clock.getAsLong();
        this.lastPrint = start;
    }

    /** Names the model in the progress lines of the checks this thread runs, until the scope is closed. */
    public static InFlight.Scope label(String model) {
        String previous = LABEL.get();
        LABEL.set(model);
        return () -> {
            if (previous == null) {
                LABEL.remove();
            } else {
                LABEL.set(previous);
            }
        };
    }

    /** False when {@code gradcheck.progress=false} is set as a system property or in the environment. */
    public static boolean enabledByDefault() {
        String v = System.getProperty("gradcheck.progress");
        if (v == null) {
            v = System.getenv("GRADCHECK_PROGRESS");
        }
        return v == null || !v.trim().equalsIgnoreCase("false");
    }

    static Progress forCheck(long coordinates, boolean allowed) {
        if (!allowed || !enabledByDefault()) {
            return SILENT;
        }
        Mode mode = interactive() ? Mode.TTY : Mode.PLAIN;
        return new Progress(coordinates, mode, LABEL.get(), blocksOf(InFlight.current(), coordinates),
                System::nanoTime, System.err);
    }

    /**
     * A person at a terminal: a console that is a terminal, and no CI. From JDK 22 on {@code System.console()} is
     * there even when the streams are redirected, and only {@code Console.isTerminal()} (JDK 22+, hence reflection on
     * JDK 17) tells.
     */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null || System.getenv("CI") != null) {
            return false;
        }
        try {
            // Looked up on the public class: the console's own class need not be accessible.
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true; // before JDK 22 a console exists only on a terminal
        }
    }

    /** The model's blocks, when they are exactly the coordinates being differentiated (not a shard's slice). */
    private static List<Block> blocksOf(Object model, long coordinates) {
        if (!(model instanceof Differentiable d)) {
            return List.of();
        }
        try {
            List<Block> blocks = d.parameters().stream().map(b -> new Block("d" + b.name(), b.size())).toList();
            return blocks.stream().mapToLong(Block::size).sum() == coordinates ? blocks : List.of();
        } catch (RuntimeException e) {
            return List.of(); // the check itself reports a model that cannot list its parameters
        }
    }

    synchronized void advance(long n) {
        if (mode == Mode.OFF) {
            return;
        }
        done += n;
        long now = clock.getAsLong();
        long elapsed = now - start;
        if (mode == Mode.TTY) {
            if (elapsed > TTY_AFTER_NANOS && now - lastPrint > TTY_EVERY_NANOS) {
                lastPrint = now;
                printed = true;
                out.print("\r" + line(elapsed) + "   ");
                out.flush();
            }
        } else if (elapsed > PLAIN_AFTER_NANOS && (!printed || now - lastPrint >= PLAIN_EVERY_NANOS)) {
            lastPrint = now;
            printed = true;
            out.println(line(elapsed));
            out.flush();
        }
    }

    synchronized void done() {
        if (mode == Mode.TTY && printed) {
            out.print("\r" + " ".repeat(90) + "\r");
            out.flush();
        }
        printed = false;
    }

    /** {@code gradcheck: dW1 of model Mlp[2]: 41% of 50,803 coordinates, 12 s left}. */
    String line(long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double left = done == 0 ? 0 : seconds * (total - done) / done;
        StringBuilder s = new StringBuilder("gradcheck: ");
        String component = component();
        if (component != null) {
            s.append(component).append(model != null ? " of " : ": ");
        }
        if (model != null) {
            s.append("model ").append(model).append(": ");
        }
        s.append(String.format(Locale.ROOT, "%d%% of %,d coordinates, %.0f s left",
                total == 0 ? 100 : (int) (100 * done / total), total, Math.max(0, left)));
        return s.toString();
    }

    /** The block holding coordinate {@code done} (the next one), or null when the blocks are not known. */
    private String component() {
        long end = 0;
        for (Block b : blocks) {
            end += b.size();
            if (done < end) {
                return b.component();
            }
        }
        return blocks.isEmpty() ? null : blocks.get(blocks.size() - 1).component();
    }
}
