package dev.gradcheck;

/**
 * The model or the check's configuration cannot be checked as given: a gradient block is missing or has the wrong
 * length, a value is NaN or infinite, J is not deterministic, ε is out of range. The message names the block, the
 * shape and the value, and says what to fix.
 */
public class GradientCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GradientCheckException(String message) {
        super(message);
    }

    public GradientCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
