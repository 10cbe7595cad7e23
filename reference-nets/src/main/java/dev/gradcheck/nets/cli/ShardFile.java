package dev.gradcheck.nets.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradcheck.GradCheckReport;
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
 * checks under {@code checks}: the gradient check, and the frozen-mask check when the network has dropout) and the
 * JSON {@code @GradCheck} writes under {@code target/gradcheck} with {@code gradcheck.shard=K/N} (one report at the
 * top level, with {@code model}, {@code testClass}, {@code testMethod}).
 *
 * @param path   the file as given
 * @param json   its content
 * @param shard  which shard it is
 * @param checks the reports in it, in order
 */
record ShardFile(Path path, Map<String, Object> json, Shard shard, List<GradCheckReport> checks) {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        List<Map<String, Object>> maps = new ArrayList<>();
        Object checks = json.get("checks");
        if (checks == null) {
            maps.add(json);
        } else if (checks instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?>)) {
                    throw bad(path, "is not a gradcheck report: an entry of \"checks\" is not a JSON object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) o;
                maps.add(m);
            }
        } else {
            throw bad(path, "is not a gradcheck report: \"checks\" is not a list of reports");
        }
        List<GradCheckReport> reports = new ArrayList<>();
        for (Map<String, Object> m : maps) {
            GradCheckReport r;
            try {
                r = GradCheckReport.fromMap(m);
            } catch (RuntimeException e) { // GradientCheckException, or a malformed value the reader tripped over
                throw bad(path, "is not a readable gradcheck shard report: " + Main.oneLine(e.getMessage()));
            }
            if (!r.shard().equals(Optional.of(shard))) {
                throw bad(path, "says it is shard " + shard + " but one of its checks is shard "
                        + r.shard().map(Shard::toString).orElse("(none)"));
            }
            reports.add(r);
        }
        return new ShardFile(path, json, shard, List.copyOf(reports));
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
        return checks.get(0).parameters();
    }

    /** The checks' names: "dropout off, masks frozen" ({@code check}) or "one report" ({@code @GradCheck}). */
    String checkNames() {
        if (!(json.get("checks") instanceof List<?> list)) {
            return "one report";
        }
        List<String> names = new ArrayList<>();
        for (Object o : list) {
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
            value = JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw bad(path, "is not JSON: " + Main.oneLine(e.getOriginalMessage()));
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
