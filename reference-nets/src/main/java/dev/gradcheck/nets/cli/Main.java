package dev.gradcheck.nets.cli;

import dev.gradcheck.GradientCheckException;
import dev.gradcheck.nets.Blas;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code java -jar gradcheck.jar demo|check [options]|recipe [options]|merge FILE...}. Exit codes: 0 when the check passes (GOOD or
 * INSPECT), 1 on a BUG verdict (or a model the checker cannot check), 2 for bad options or bad input files, with a
 * one-line reason.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, version = "gradcheck 0.1.0-SNAPSHOT",
        subcommands = {DemoCommand.class, CheckCommand.class, RecipeCommand.class, MergeCommand.class},
        description = "Gradient checking of backpropagation on reference networks (OpenBLAS).")
public final class Main implements Callable<Integer> {
    /** Exit code of a BUG verdict. */
    public static final int BUG = 1;
    /** Exit code of bad options. */
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("gradcheck: missing command: demo, check, recipe or merge (see gradcheck --help)");
        return USAGE;
    }

    public static void main(String[] args) {
        preloadBlas(args);
        int exit;
        try {
            exit = commandLine().execute(args);
        } catch (NoClassDefFoundError e) {
            if (blasFailure == null) {
                throw e;
            }
            // Java 17 does not chain a class initializer's failure to later uses of the class: say what it was.
            Throwable cause = blasFailure;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("gradcheck: OpenBLAS could not be loaded: " + oneLine(String.valueOf(cause)));
            exit = BUG;
        }
        System.exit(exit);
    }

    /** Why the native library could not be loaded by {@link #preloadBlas}, or null. */
    private static volatile Throwable blasFailure;

    /**
     * Loads OpenBLAS (JavaCPP's loader, the binding's class init, the native library: about 0.2 s) on a second thread
     * while this one builds picocli's command model and the network, which take about as long: measured, it takes that
     * much off every start of a command that multiplies matrices. The JVM runs a class's initializer once, and a
     * thread that uses {@link Blas} meanwhile waits for it, so the result is the same as loading it on first use.
     */
    private static void preloadBlas(String[] args) {
        if (args.length == 0 || !(args[0].equals("check") || args[0].equals("demo") || args[0].equals("recipe"))) {
            return;
        }
        Thread load = new Thread(() -> {
            try {
                Blas.version();
            } catch (Throwable t) {
                blasFailure = t;
            }
        }, "gradcheck-blas-load");
        load.setDaemon(true);
        load.start();
    }

    /** The configured command line: one-line errors, exit 2 for bad options. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        Converters.register(cl);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
            return USAGE;
        });
        cl.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof BadOptionException) {
                c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage()));
                return USAGE;
            }
            if (e instanceof GradientCheckException) {
                c.getErr().println(c.getCommandSpec().qualifiedName() + ": the check could not run: "
                        + oneLine(e.getMessage()));
                return BUG;
            }
            throw e;
        });
        return cl;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** An option value the network cannot be built with, or an input file that cannot be used: one line, exit 2. */
    static final class BadOptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadOptionException(String message) {
            super(message);
        }
    }
}
