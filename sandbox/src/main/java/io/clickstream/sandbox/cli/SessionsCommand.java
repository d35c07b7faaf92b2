package io.clickstream.sandbox.cli;

import io.clickstream.producer.report.FiguresTable;
import io.clickstream.producer.report.SessionFigures;
import io.clickstream.sandbox.lake.LakeQuery;
import io.clickstream.sandbox.lake.LakeSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A lake's sessions, as a data engineer's first query finds them, next to the producer profile's targets. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Sessionize a lake folder with DuckDB (one session per session_id) and print sessions, mean "
                + "duration, bounce, conversion, cart abandonment, events per session, returning users, devices and "
                + "events per hour, next to the targets the producer's default profile is calibrated to.")
public final class SessionsCommand implements Callable<Integer> {

    @Option(names = "--lake", defaultValue = "./lake",
            description = "The S3 store's folder (as for run), or any folder of the lake's Parquet files (default: ${DEFAULT-VALUE})")
    Path lake;

    @Option(names = "--show-sql", description = "Also print the two DuckDB queries and their raw results")
    boolean showSql;

    @Override
    public Integer call() {
        Path root = lake.toAbsolutePath().normalize();
        Path sandboxLake = root.resolve(StackDefaults.BUCKET).resolve(StackDefaults.PREFIX);
        if (Files.isDirectory(sandboxLake)) {
            root = sandboxLake;
        }
        if (!Files.isDirectory(root)) {
            System.err.println("sandbox sessions: no folder " + root);
            return 2;
        }
        try (var query = new LakeQuery(root)) {
            SessionFigures figures = LakeSessions.of(query);
            if (showSql) {
                printQuery(query, LakeSessions.sessionsSql(query.source()));
                printQuery(query, LakeSessions.perHourSql(query.source()));
            }
            System.out.println("sessions in " + root + " (DuckDB):");
            FiguresTable.lines(figures, null).forEach(line -> System.out.println(line.isEmpty() ? line : "  " + line));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("sandbox sessions failed: " + e.getMessage());
            return 1;
        }
    }

    private static void printQuery(LakeQuery query, String sql) {
        System.out.println(sql);
        List<String> columns = query.columns(sql);
        System.out.println(String.join(" | ", columns));
        for (List<Object> row : query.rows(sql)) {
            System.out.println(row.stream().map(String::valueOf).collect(Collectors.joining(" | ")));
        }
        System.out.println();
    }
}
