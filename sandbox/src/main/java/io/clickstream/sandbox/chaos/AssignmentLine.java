package io.clickstream.sandbox.chaos;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SinkLoop's rebalance lines, {@code assigned [clickstream-0, clickstream-3]}, {@code revoked [clickstream-1] (...)}
 * and {@code lost [clickstream-2] without a clean revocation...}: with cooperative rebalancing (and the consumer
 * protocol) each names only the partitions that change, so a consumer's partitions are the sum of its lines.
 */
public record AssignmentLine(Change change, Set<Integer> partitions) {

    public enum Change {
        ASSIGNED, REVOKED, LOST
    }

    private static final Pattern LINE = Pattern.compile("SinkLoop - (assigned|revoked|lost) \\[([^\\]]*)\\]");
    private static final Pattern PARTITION = Pattern.compile("(.+)-(\\d+)");

    public AssignmentLine {
        partitions = Set.copyOf(partitions);
    }

    /** The line's change to {@code topic}'s partitions; empty for any other line. */
    public static Optional<AssignmentLine> parse(String line, String topic) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        Set<Integer> partitions = new TreeSet<>();
        for (String item : m.group(2).split(",")) {
            Matcher p = PARTITION.matcher(item.strip());
            if (p.matches() && p.group(1).equals(topic)) {
                partitions.add(Integer.parseInt(p.group(2)));
            }
        }
        Change change = switch (m.group(1)) {
            case "assigned" -> Change.ASSIGNED;
            case "revoked" -> Change.REVOKED;
            default -> Change.LOST;
        };
        return Optional.of(new AssignmentLine(change, partitions));
    }

    /** Applies the line to a consumer's partitions. */
    public void applyTo(Set<Integer> held) {
        if (change == Change.ASSIGNED) {
            held.addAll(partitions);
        } else {
            held.removeAll(partitions);
        }
    }
}
