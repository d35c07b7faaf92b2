package io.clickstream.sandbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples ({@code jdk.ExecutionSample}, Java code on CPU) fall: by top
 * frame (self time), by the package of the top frame, by thread, and the project's own methods by
 * inclusive share (how many samples have them anywhere on the stack). JDK 17 has no
 * {@code jfr view hot-methods}; this is the same aggregation. And where the heap goes: the
 * allocation samples ({@code jdk.ObjectAllocationSample}, each weighted by the bytes it stands for)
 * by class and by allocation site (the first frame outside the JDK).
 */
final class JfrSummary {
    private final int samples;
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<String, Integer> selfByPackage = new HashMap<>();
    private final Map<String, Integer> byThread = new HashMap<>();
    private final Map<String, Integer> ownInclusive = new HashMap<>();
    private final Map<String, Long> allocatedByClass = new HashMap<>();
    private final Map<String, Long> allocatedBySite = new HashMap<>();
    private long allocatedBytes;
    private long gcPauseNanos;
    private long compileNanos;
    private int cpuLoadSamples;
    private double jvmCpuSum;
    private double machineCpuSum;

    private JfrSummary(Path recording) {
        int n = 0;
        try (var file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                switch (event.getEventType().getName()) {
                    case "jdk.GarbageCollection" -> gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
                    case "jdk.Compilation" -> compileNanos += event.getDuration().toNanos();
                    case "jdk.CPULoad" -> {
                        cpuLoadSamples++;
                        jvmCpuSum += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machineCpuSum += event.getFloat("machineTotal");
                    }
                    case "jdk.ObjectAllocationSample" -> allocation(event);
                    default -> {
                    }
                }
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                n++;
                RecordedMethod top = stack.getFrames().get(0).getMethod();
                self.merge(name(top), 1, Integer::sum);
                selfByPackage.merge(packageOf(top), 1, Integer::sum);
                var thread = event.getThread("sampledThread");
                byThread.merge(thread == null ? "?" : thread.getJavaName().replaceAll(" \\| .*", "").replaceAll("-\\d+$", "-N"),
                        1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String method = name(frame.getMethod());
                    if (method.startsWith("io.clickstream.") && seen.add(method)) {
                        ownInclusive.merge(method, 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JFR recording " + recording, e);
        }
        this.samples = n;
    }

    private void allocation(RecordedEvent event) {
        long weight = event.getLong("weight");
        allocatedBytes += weight;
        var type = event.getClass("objectClass");
        allocatedByClass.merge(type == null ? "?" : type.getName(), weight, Long::sum);
        RecordedStackTrace stack = event.getStackTrace();
        allocatedBySite.merge(site(stack), weight, Long::sum);
    }

    /** The first frame outside the JDK's own packages (who asked for the array or the String), or the top frame. */
    private static String site(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = name(frame.getMethod());
            if (!method.startsWith("java.") && !method.startsWith("jdk.") && !method.startsWith("sun.")) {
                return method;
            }
        }
        return name(stack.getFrames().get(0).getMethod());
    }

    /** {@code java -cp clickstream-sandbox.jar io.clickstream.sandbox.bench.JfrSummary <file.jfr> [top]}. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary <recording.jfr> [top]");
            System.exit(2);
        }
        of(Path.of(args[0])).table(args.length > 1 ? Integer.parseInt(args[1]) : 25).forEach(System.out::println);
    }

    static JfrSummary of(Path recording) {
        return new JfrSummary(recording);
    }

    int samples() {
        return samples;
    }

    List<String> table(int top) {
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "%,d CPU samples (jdk.ExecutionSample, Java frames only: no GC or JIT threads)", samples));
        lines.add(String.format(Locale.ROOT, "GC pauses %.2f s in total; JIT compilations %.2f s (wall, summed over compiler threads);"
                        + " JVM CPU %.0f%% of the machine on average while the machine was %.0f%% busy",
                gcPauseNanos / 1e9, compileNanos / 1e9, cpuLoadSamples == 0 ? 0 : jvmCpuSum / cpuLoadSamples * 100,
                cpuLoadSamples == 0 ? 0 : machineCpuSum / cpuLoadSamples * 100));
        section(lines, "top frames (self)", self, top);
        section(lines, "top-frame package (self)", selfByPackage, top);
        section(lines, "threads", byThread, top);
        section(lines, "io.clickstream methods (inclusive: anywhere on the stack)", ownInclusive, top);
        if (allocatedBytes > 0) {
            lines.add(String.format(Locale.ROOT, "%,d MB allocated, as the allocation samples weigh it (jdk.ObjectAllocationSample)",
                    allocatedBytes / 1_000_000));
            weighted(lines, "allocated: by class", allocatedByClass, top);
            weighted(lines, "allocated: by site (first frame outside java.*, jdk.*, sun.*)", allocatedBySite, top);
        }
        return lines;
    }

    Map<String, Double> selfShares(int top) {
        return shares(self, top);
    }

    Map<String, Double> inclusiveShares(int top) {
        return shares(ownInclusive, top);
    }

    private Map<String, Double> shares(Map<String, Integer> counts, int top) {
        var out = new java.util.LinkedHashMap<String, Double>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.put(e.getKey(), samples == 0 ? 0 : (double) e.getValue() / samples));
        return out;
    }

    private void section(List<String> lines, String title, Map<String, Integer> counts, int top) {
        lines.add("  " + title + ":");
        shares(counts, top).forEach((name, share) -> lines.add(String.format(Locale.ROOT, "    %5.1f%%  %s", share * 100, name)));
    }

    private void weighted(List<String> lines, String title, Map<String, Long> bytes, int top) {
        lines.add("  " + title + ":");
        bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> lines.add(String.format(Locale.ROOT, "    %5.1f%%  %s", 100.0 * e.getValue() / allocatedBytes, e.getKey())));
    }

    private static String name(RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    /** The first three segments of the top frame's package ({@code org.apache.parquet}, {@code java.util}). */
    private static String packageOf(RecordedMethod method) {
        String type = method.getType().getName();
        int cut = type.lastIndexOf('.');
        String pkg = cut < 0 ? "(default)" : type.substring(0, cut);
        String[] parts = pkg.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(3, parts.length)));
    }
}
