package dev.gradcheck.nets.cli;

import dev.gradcheck.GradCheckReport;
import dev.gradcheck.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code merge FILE...}: the shard reports of one split check (from {@code check --shard K/N --out FILE}, or the JSON
 * {@code @GradCheck} writes with {@code gradcheck.shard=K/N}) merged into the report of the whole check, exactly as an
 * unsplit check computes it.
 */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Merges the shard reports of one split check (check --shard K/N --out FILE, or @GradCheck with "
                + "gradcheck.shard=K/N) into the report of the whole check.",
                "Exit code 0 for GOOD or INSPECT, 1 for BUG, 2 for bad input (a missing, repeated or foreign shard, "
                        + "an unreadable file)."})
final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The JSON reports of all N shards, in any order.")
    List<Path> files;

    @Option(names = "--json", description = "Print the merged report as JSON (the shape of check --json).")
    boolean json;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the merged JSON report to FILE "
            + "(atomically).")
    Path out;

    @Override
    public Integer call() {
        List<ShardFile> shards = new ArrayList<>();
        for (Path f : files) {
            shards.add(ShardFile.read(f));
        }
        GradCheckReport report = ShardSet.merge(shards);
        ShardFile first = shards.get(0);
        String text = json || out != null ? json(first, report) : null;
        PrintWriter printer = spec.commandLine().getOut();
        if (json) {
            printer.println(text);
        } else {
            printer.println("merged " + shards.size() + " shards of " + first.subject());
            Reports.print(printer, report);
        }
        printer.flush();
        if (out != null) {
            JsonReport.write(out, text);
        }
        return report.verdict() == Verdict.BUG ? Main.BUG : 0;
    }

    private String json(ShardFile first, GradCheckReport report) {
        Map<String, Object> top = JsonReport.of(report);
        for (String key : new String[] {"network", "keepProb", "bug", "model", "testClass", "testMethod"}) {
            if (first.json().containsKey(key)) {
                top.put(key, first.json().get(key));
            }
        }
        top.put("partial", false);
        top.put("mergedFrom", files.stream().map(Path::toString).toList());
        return JsonReport.text(top);
    }
}
