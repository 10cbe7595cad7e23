package dev.gradcheck;

import java.util.HashMap;
import java.util.Map;

/**
 * The models being checked right now, by identity, and by which thread. A check writes θ±ε into the model's live
 * parameter blocks, so a second thread checking the same instance at the same time would read the first one's
 * perturbed values (and write its own back over them): a wrong result that looks like the model's fault, or a model
 * whose parameters are changed for good. {@link #enter} makes that a clear error instead.
 *
 * <p>The same thread may enter again (a check inside a check of the same model). To check one model from several
 * threads, give each thread its own instance ({@link Replicable#replicate()}), or serialize the checks, as
 * {@code @GradCheck} does.
 */
public final class InFlight {
    private static final Map<Identity, Entry> CHECKING = new HashMap<>();
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<>();

    private InFlight() {
    }

    /** A model while it is checked, closed when its check ends (normally or not). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Marks {@code model} as being checked by the current thread until the returned scope is closed.
     *
     * @throws GradientCheckException naming the model's class and identity and the other thread, when another
     *                                thread is checking the same instance
     */
    public static Scope enter(Object model) {
        Identity key = new Identity(model);
        Thread me = Thread.currentThread();
        Entry entry;
        synchronized (CHECKING) {
            entry = CHECKING.get(key);
            if (entry != null && entry.thread != me) {
                throw new GradientCheckException("model " + describe(model) + " is already being checked by thread '"
                        + entry.thread.getName() + "'; a check writes θ±ε into the model's own parameters, so two "
                        + "checks of one instance at the same time corrupt each other. Give each thread its own model "
                        + "(a new instance, or Replicable.replicate()), or run the checks one after another "
                        + "(@GradCheck does this for models shared between test methods)");
            }
            if (entry == null) {
                entry = new Entry(me);
                CHECKING.put(key, entry);
            }
            entry.depth++;
        }
        Object previous = CURRENT.get();
        CURRENT.set(model);
        Entry held = entry;
        return new Scope() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                CURRENT.set(previous);
                synchronized (CHECKING) {
                    if (--held.depth == 0) {
                        CHECKING.remove(key);
                    }
                }
            }
        };
    }

    /** True while some thread is inside a check of this very instance. */
    public static boolean isChecking(Object model) {
        synchronized (CHECKING) {
            return CHECKING.containsKey(new Identity(model));
        }
    }

    /** The model the current thread is checking (the innermost), or null. */
    static Object current() {
        return CURRENT.get();
    }

    /** {@code com.example.Mlp@1b6d3586 (net 4-5-1)}: the class, the identity hash, and its own name if it has one. */
    static String describe(Object model) {
        String id = model.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(model));
        try {
            if (model.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return id + " (" + model + ")";
            }
        } catch (NoSuchMethodException | RuntimeException e) {
            // no name of its own: the identity says which instance
        }
        return id;
    }

    private static final class Entry {
        final Thread thread;
        int depth;

        Entry(Thread thread) {
            this.thread = thread;
        }
    }

    /** A key that is equal only to the same instance (models may override equals). */
    private record Identity(Object model) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity other && other.model == model;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(model);
        }
    }
}
