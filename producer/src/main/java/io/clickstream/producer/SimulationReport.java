package io.clickstream.producer;

import io.clickstream.producer.report.FiguresTable;
import io.clickstream.producer.report.SessionFigures;
import io.clickstream.producer.report.SessionStatistics;
import io.clickstream.producer.sim.ClickstreamGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --report N}: the first N events a run with this configuration would send, simulated without Kafka
 * and without waiting for their time, and summarized as a sessionization of the lake would summarize them.
 * Imperfect records (invalid, late, duplicated) are left out: they are not the shop's behaviour.
 */
final class SimulationReport {

    private SimulationReport() {
    }

    /** @param now the wall clock at start-up, as a run would read it */
    static List<String> lines(ProducerConfig config, Instant now) {
        SimulationPlan plan = SimulationPlan.of(config, now);
        ClickstreamGenerator generator = plan.generator(config.seed());
        var statistics = new SessionStatistics();
        for (long i = 0; i < config.report(); i++) {
            statistics.add(generator.next());
        }
        SessionFigures figures = statistics.figures();
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "session statistics of %,d simulated events (seed %d, no Kafka):",
                config.report(), config.seed()));
        plan.describe().forEach(line -> lines.add(indent(line)));
        if (generator.arrivalsTurnedAway() > 0) {
            lines.add(String.format(Locale.ROOT, "  %,d arrivals found every one of the %,d users busy: raise --users",
                    generator.arrivalsTurnedAway(), config.simulation().users()));
        }
        FiguresTable.lines(figures, config.simulation().funnel()).forEach(line -> lines.add(indent(line)));
        return lines;
    }

    private static String indent(String line) {
        return line.isEmpty() ? line : "  " + line;
    }
}
