package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.GradientCheckException;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shard files of one split check, checked to belong together and merged with {@link GradCheckReport#merge}.
 * Every refusal names the files involved.
 */
final class ShardSet {
    private static final Pattern SHARD = Pattern.compile("shard (\\d+)/(\\d+)(?!\\d)");

    private ShardSet() {
    }

    /**
     * The merged report, as {@code check} would have produced it unsplit.
     *
     * @throws Main.BadOptionException for a missing, repeated or foreign shard, naming the files
     */
    static GradCheckReport merge(List<ShardFile> files) {
        ShardFile first = files.get(0);
        TreeMap<Integer, ShardFile> byIndex = new TreeMap<>();
        for (ShardFile f : files) {
            if (f.shard().count() != first.shard().count()) {
                throw bad(f.path() + " is shard " + f.shard() + " but " + first.path() + " is shard " + first.shard()
                        + ": all shards must come from the same split (the same N in --shard K/N)");
            }
            ShardFile same = byIndex.put(f.shard().index(), f);
            if (same != null) {
                throw bad("shard " + f.shard() + " is given twice: " + same.path() + " and " + f.path());
            }
            if (!f.subject().equals(first.subject())) {
                throw bad(f.path() + " checked " + f.subject() + " but " + first.path() + " checked "
                        + first.subject() + ": shards of different models cannot be merged");
            }
            if (f.parameters() != first.parameters()) {
                throw bad(f.path() + " has " + f.parameters() + " parameters but " + first.path() + " has "
                        + first.parameters() + ": shards of different models cannot be merged");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= first.shard().count(); k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + first.shard().count());
            }
        }
        if (!missing.isEmpty()) {
            throw bad("shard" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing: "
                    + "got " + given(byIndex) + "; merge needs every shard of the split");
        }
        List<GradCheckReport> shards = new ArrayList<>();
        for (ShardFile f : byIndex.values()) {
            shards.add(f.report());
        }
        try {
            return GradCheckReport.merge(shards);
        } catch (GradientCheckException e) {
            throw bad(withFiles(Main.oneLine(e.getMessage()), byIndex));
        }
    }

    private static String given(TreeMap<Integer, ShardFile> byIndex) {
        List<String> s = new ArrayList<>();
        byIndex.values().forEach(f -> s.add(f.shard() + " (" + f.path() + ")"));
        return String.join(", ", s);
    }

    /** The core's message with each "shard k/n" followed by its file. */
    static String withFiles(String message, TreeMap<Integer, ShardFile> byIndex) {
        Matcher m = SHARD.matcher(message);
        StringBuilder s = new StringBuilder();
        while (m.find()) {
            ShardFile f = byIndex.get(Integer.parseInt(m.group(1)));
            String file = f != null && f.shard().count() == Integer.parseInt(m.group(2)) ? " (" + f.path() + ")" : "";
            m.appendReplacement(s, Matcher.quoteReplacement(m.group() + file));
        }
        m.appendTail(s);
        return s.toString();
    }

    private static Main.BadOptionException bad(String message) {
        return new Main.BadOptionException(message);
    }
}
