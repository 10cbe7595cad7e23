package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of {@code check} and {@code merge}: the report's {@code toMap()} at the top level (ratio, verdict,
 * parameters, evaluations, seconds, phases, components, ...), and the same report again as the one entry of
 * {@code checks} ({@code "check": "gradient check"}; a shard's entry carries the raw data {@code merge} needs). The
 * list keeps the shape of earlier versions, whose {@code check} added a second entry for a separate frozen-mask check
 * when the network had dropout; the frozen-dropout phases are now phases of the one report.
 */
final class JsonReport {
    /** The {@code "check"} name of the one entry of {@code checks}. */
    static final String CHECK = "gradient check";

    private JsonReport() {
    }

    /** The map of {@code report}; callers add their own keys (network, shard, ...). */
    static Map<String, Object> of(GradCheckReport report) {
        Map<String, Object> top = new LinkedHashMap<>(report.toMap());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("check", CHECK);
        check.putAll(report.toMap());
        top.put("checks", List.of(check));
        return top;
    }

    /**
     * Pretty-printed JSON, by the checker's own writer: Jackson's took 0.15 s of every {@code check --json} start
     * (its classes and their reflective set-up) for a 30 kB report.
     */
    static String text(Map<String, Object> map) {
        String text = Json.write(map);
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * Writes {@code json} to {@code file} atomically: to a temporary file in the same directory, then moved into
     * place, so a reader (a later CI step) never sees half a report. Creates missing parent directories.
     *
     * @throws Main.BadOptionException naming the file and the reason when it cannot be written
     */
    static void write(Path file, String json) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // Not Files.createTempFile: its 0600 permissions would carry over to the report.
            tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            Files.writeString(tmp, json + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            throw new Main.BadOptionException("--out " + file + " could not be written: " + ShardFile.reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the directory is gone: nothing left to clean
                }
            }
        }
    }
}
