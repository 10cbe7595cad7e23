package dev.gradcheck.junit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per model instance (by identity, not {@code equals}), so that the test methods of a parallel run whose
 * factories return the same instance check it one after another: correct, merely serial. A check writes θ±ε into
 * the model's own parameters; two at once would corrupt each other (which the core then refuses, see
 * {@code dev.gradcheck.InFlight}). A private lock, not the model's monitor: the user's own {@code synchronized}
 * methods stay out of it. Entries go away when no one holds or waits for them.
 */
final class SharedModels {
    private static final Map<Identity, Entry> LOCKS = new HashMap<>();

    private SharedModels() {
    }

    /** A held lock, released by {@link #close()}. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Waits until no other thread holds {@code model}, then holds it (reentrant). */
    static Held lock(Object model) {
        Identity key = new Identity(model);
        Entry e;
        synchronized (LOCKS) {
            e = LOCKS.computeIfAbsent(key, k -> new Entry());
            e.users++;
        }
        e.lock.lock();
        return new Held() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                e.lock.unlock();
                synchronized (LOCKS) {
                    if (--e.users == 0) {
                        LOCKS.remove(key);
                    }
                }
            }
        };
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

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
