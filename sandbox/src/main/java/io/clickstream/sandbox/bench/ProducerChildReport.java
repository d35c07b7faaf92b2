package io.clickstream.sandbox.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The producer jar's run ({@link ProducerChildRun}) as lines of the bench's table and as fields of its JSON
 * document: flat {@code producerChild*} fields, or {@code producerChildSkipped} with the reason when it did not run.
 */
final class ProducerChildReport {
    private static final double MIB = 1 << 20;

    private ProducerChildReport() {
    }

    static List<String> lines(ProducerChildRun run, String note) {
        if (run == null) {
            return List.of("producer jar (java -jar, own JVM): " + note);
        }
        String allocated = Double.isNaN(run.allocatedBytesPerEvent()) ? "allocated ?"
                : String.format(Locale.ROOT, "allocated %,.0f B/event (GC log)", run.allocatedBytesPerEvent());
        return List.of(
                "producer jar: java -jar " + run.jar() + " at the JVM's defaults (no heap option, -Xlog:gc to a file), "
                        + "PRODUCER_RATE=0, a fresh topic",
                String.format(Locale.ROOT, "  %,d events (topic end offsets) in %.1f s launch to exit = %,.0f events/s; CPU %.1f s;"
                                + " peak RSS %s MiB (VmHWM); %s", run.events(), seconds(run), run.eventsPerSecond(),
                        run.cpu().toNanos() / 1e9, run.peakRssBytes() < 0 ? "?" : String.format(Locale.ROOT, "%,d",
                                run.peakRssBytes() >> 20), allocated),
                "  log: " + run.log());
    }

    static void putJson(ObjectNode root, ProducerChildRun run, String note) {
        if (run == null) {
            root.put("producerChildSkipped", note);
            return;
        }
        root.put("producerChildJar", run.jar().toString());
        root.put("producerChildEvents", run.events());
        root.put("producerChildSeconds", seconds(run));
        root.put("producerChildEventsPerSecond", run.eventsPerSecond());
        root.put("producerChildCpuSeconds", run.cpu().toNanos() / 1e9);
        root.put("producerChildPeakRssBytes", run.peakRssBytes() < 0 ? null : run.peakRssBytes());
        root.put("producerChildPeakRssMiB", run.peakRssBytes() < 0 ? null : run.peakRssBytes() / MIB);
        root.put("producerChildAllocatedBytes", run.allocatedBytes() < 0 ? null : run.allocatedBytes());
        root.put("producerChildAllocatedBytesPerEvent",
                Double.isNaN(run.allocatedBytesPerEvent()) ? null : run.allocatedBytesPerEvent());
        root.put("producerChildLog", run.log().toString());
    }

    private static double seconds(ProducerChildRun run) {
        return run.wall().toNanos() / 1e9;
    }
}
