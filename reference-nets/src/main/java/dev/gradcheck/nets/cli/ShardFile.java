package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Json;
import dev.gradcheck.Shard;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One shard report read back for {@code merge}. Two shapes are read: {@code check --shard K/N --json/--out} (the
 * report as the one entry of {@code checks}) and the JSON {@code @GradCheck} writes under {@code target/gradcheck}
 * with {@code gradcheck.shard=K/N} (the report at the top level, with {@code model}, {@code testClass},
 * {@code testMethod}). In both, the frozen-dropout phases, if any, are phases of that report. A file of an earlier
 * {@code check} with a second entry under {@code checks} (a separate frozen-mask check) is refused: its shards must be
 * checked again.
 *
 * @param path   the file as given
 * @param json   its content
 * @param shard  which shard it is
 * @param report the report in it
 */
record ShardFile(Path path, Map<String, Object> json, Shard shard, GradCheckReport report) {

    /**
     * Reads and parses one file.
     *
     * @throws Main.BadOptionException naming the file and what is wrong with it
     */
    static ShardFile read(Path path) {
        Map<String, Object> json = parse(path);
        Object shardText = json.get("shard");
        if (!(shardText instanceof String)) {
            throw bad(path, "is not a shard report: it has no \"shard\" (write shards with check --shard K/N --out "
                    + "FILE, or run @GradCheck with gradcheck.shard=K/N)");
        }
        Shard shard;
        try {
            shard = Shard.parse((String) shardText);
        } catch (IllegalArgumentException e) {
            throw bad(path, "has a bad \"shard\": " + e.getMessage());
        }
        Map<String, Object> map;
        Object checks = json.get("checks");
        if (checks == null) {
            map = json;
        } else if (checks instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) {
                    throw bad(path, "is not a gradcheck report: an entry of \"checks\" is not a JSON object");
                }
            }
            if (list.size() > 1) {
                throw bad(path, "has " + list.size() + " checks (" + checkNames(list) + "): it was written by an "
                        + "earlier gradcheck check that ran the frozen-mask check separately; this version checks "
                        + "frozen dropout masks as phases of one report, so check every shard again with it");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) list.get(0);
            map = m;
        } else {
            throw bad(path, "is not a gradcheck report: \"checks\" is not a list of reports");
        }
        GradCheckReport r;
        try {
            r = GradCheckReport.fromMap(map);
        } catch (RuntimeException e) { // GradientCheckException, or a malformed value the reader tripped over
            throw bad(path, "is not a readable gradcheck shard report: " + Main.oneLine(e.getMessage()));
        }
        if (!r.shard().equals(Optional.of(shard))) {
            throw bad(path, "says it is shard " + shard + " but its report is shard "
                    + r.shard().map(Shard::toString).orElse("(none)"));
        }
        return new ShardFile(path, json, shard, r);
    }

    /** What was checked: the network ({@code check}), or the model and test method ({@code @GradCheck}). */
    String subject() {
        if (json.get("network") instanceof String network) {
            return "network " + network;
        }
        if (json.get("model") instanceof String model) {
            return "model " + model + " (" + json.getOrDefault("testClass", "?") + "." + json.getOrDefault("testMethod",
                    "?") + ")";
        }
        return "an unnamed model";
    }

    /** θ's size. */
    int parameters() {
        return report.parameters();
    }

    /** The names of the entries of {@code checks}: "dropout off, masks frozen" in a file of an earlier version. */
    private static String checkNames(List<?> checks) {
        List<String> names = new ArrayList<>();
        for (Object o : checks) {
            names.add(String.valueOf(((Map<?, ?>) o).get("check")));
        }
        return String.join(", ", names);
    }

    private static Map<String, Object> parse(Path path) {
        if (Files.isDirectory(path)) {
            throw bad(path, "is a directory, not a report file");
        }
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new Main.BadOptionException("cannot read " + path + ": " + reason(e));
        }
        Object value;
        try {
            value = Json.read(text);
        } catch (IllegalArgumentException e) {
            throw bad(path, "is not JSON: " + Main.oneLine(e.getMessage()));
        }
        if (!(value instanceof Map<?, ?>)) {
            throw bad(path, "is not a gradcheck report: the JSON is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }

    /** A short reason for an I/O failure: "no such file", "permission denied", else the exception's message. */
    static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : Main.oneLine(m);
    }

    private static Main.BadOptionException bad(Path path, String what) {
        return new Main.BadOptionException(path + " " + what);
    }
}
