package dev.gradcheck.junit;

/**
 * Checks for an optional library before any class that needs it is loaded. This class refers to none of them (and
 * to no class that does), so calling it is always safe.
 */
final class OptionalLibrary {
    private OptionalLibrary() {
    }

    /**
     * Fails with a sentence, not a {@code NoClassDefFoundError} deep in a stack, when an optional library is
     * missing: gradcheck-junit declares AssertJ and jqwik optional, so that {@code @GradCheck} alone brings neither.
     */
    static void require(String className, String feature, String library) {
        try {
            Class.forName(className, false, OptionalLibrary.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(feature + " needs " + library + ", which is not on the classpath. Add it "
                    + "to your test dependencies (gradcheck-junit declares it optional, so that @GradCheck alone "
                    + "does not bring it).");
        }
    }
}
