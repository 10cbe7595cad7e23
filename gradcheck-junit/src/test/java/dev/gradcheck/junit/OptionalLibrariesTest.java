package dev.gradcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/**
 * AssertJ and jqwik are optional in gradcheck-junit: without them on the classpath, the features that need them say
 * so in a sentence instead of a {@code NoClassDefFoundError}. The project's classes are loaded here through a class
 * loader that hides both libraries (src/it's ci-names build does the same with a real classpath).
 */
class OptionalLibrariesTest {

    /** Defines dev.gradcheck.* itself (from the test's classpath) and refuses AssertJ and jqwik. */
    static final class WithoutAssertJAndJqwik extends ClassLoader {
        WithoutAssertJAndJqwik() {
            super(OptionalLibrariesTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.assertj.") || name.startsWith("net.jqwik.")) {
                throw new ClassNotFoundException(name + " (hidden by the test)");
            }
            if (!name.startsWith("dev.gradcheck.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    /** Calls the optional features as a user's test would; loaded through {@link WithoutAssertJAndJqwik}. */
    public static final class Caller {
        public static String assertThatWithoutAssertJ() {
            try {
                GradCheckAssertions.assertThat(TwoLayerNet.correct());
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }

        public static String architecturesWithoutJqwik() {
            try {
                dev.gradcheck.junit.jqwik.Architectures.architectures();
                return "no error";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }
    }

    private static String call(String method) throws Exception {
        Class<?> caller = new WithoutAssertJAndJqwik().loadClass(Caller.class.getName());
        return (String) caller.getMethod(method).invoke(null);
    }

    @Test
    void gradCheckAssertionsSaysAssertJIsMissing() throws Exception {
        assertThat(call("assertThatWithoutAssertJ")).isEqualTo("GradCheckAssertions.assertThat needs AssertJ "
                + "(org.assertj:assertj-core, 3.x), which is not on the classpath. Add it to your test dependencies "
                + "(gradcheck-junit declares it optional, so that @GradCheck alone does not bring it).");
    }

    @Test
    void architecturesSaysJqwikIsMissing() throws Exception {
        assertThat(call("architecturesWithoutJqwik")).startsWith("Architectures needs jqwik (net.jqwik:jqwik, 1.9.x), "
                + "which is not on the classpath.");
    }
}
