package io.clickstream.sandbox.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.clickstream.common.event.ClickEvent;
import io.clickstream.producer.report.SessionFigures;
import io.clickstream.producer.report.SessionStatistics;
import io.clickstream.producer.sim.ClickstreamGenerator;
import io.clickstream.producer.sim.SimulationSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's sessionization (DuckDB) and the producer's --report (Java) are one definition computed twice. */
class LakeSessionsTest {
    @TempDir
    Path dir;

    @Test
    void aLakeShowsTheFiguresTheReportComputesForTheSameEvents() throws Exception {
        var generator = new ClickstreamGenerator(SimulationSettings.DEFAULTS.withSessionsPerSecond(0.5), 3,
                Instant.parse("2026-01-19T06:00:00Z"), Duration.ofMinutes(30));
        var statistics = new SessionStatistics();
        var events = new ArrayList<ClickEvent>();
        for (int i = 0; i < 30_000; i++) {
            ClickEvent event = generator.next();
            statistics.add(event);
            events.add(event);
        }
        SessionFigures expected = statistics.figures();
        writeLake(events);

        SessionFigures lake;
        try (var query = new LakeQuery(dir)) {
            lake = LakeSessions.of(query);
        }

        assertThat(lake.events()).isEqualTo(expected.events());
        assertThat(lake.sessions()).isEqualTo(expected.sessions());
        assertThat(lake.meanDurationSeconds()).isCloseTo(expected.meanDurationSeconds(), within(0.05));
        assertThat(lake.bounce()).isCloseTo(expected.bounce(), within(0.0005));
        assertThat(lake.conversion()).isCloseTo(expected.conversion(), within(0.00005));
        assertThat(lake.cartAbandonment()).isCloseTo(expected.cartAbandonment(), within(0.0005));
        assertThat(lake.eventsPerSession()).isCloseTo(expected.eventsPerSession(), within(0.005));
        assertThat(lake.returningShare()).isCloseTo(expected.returningShare(), within(0.0005));
        for (String device : List.of("mobile", "desktop", "tablet")) {
            assertThat(lake.deviceShare(device)).as(device).isCloseTo(expected.deviceShare(device), within(0.0005));
        }
        assertThat(lake.eventsPerHour()).isEqualTo(expected.eventsPerHour());
        assertThat(lake.viewToCart()).isCloseTo(expected.viewToCart(), within(1e-12));
        assertThat(lake.cartToPurchase()).isCloseTo(expected.cartToPurchase(), within(1e-12));
        assertThat(lake.first()).isEqualTo(expected.first());
        assertThat(lake.last()).isEqualTo(expected.last());
    }

    /** The events as the consumer's Parquet would hold them (the columns the query reads), in one hour folder. */
    private void writeLake(List<ClickEvent> events) throws SQLException, java.io.IOException {
        Path folder = Files.createDirectories(dir.resolve("year=2026/month=01/day=19/hour=06"));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE e (session_id VARCHAR, user_id VARCHAR, device VARCHAR, event_type VARCHAR, "
                    + "\"timestamp\" TIMESTAMP WITH TIME ZONE)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO e VALUES (?, ?, ?, ?, ?)")) {
                for (ClickEvent event : events) {
                    insert.setString(1, event.sessionId());
                    insert.setString(2, event.userId());
                    insert.setString(3, event.device());
                    insert.setString(4, event.eventType().wireName());
                    insert.setObject(5, OffsetDateTime.ofInstant(event.timestamp(), ZoneOffset.UTC));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            st.execute("COPY e TO '" + folder.resolve("part.parquet") + "' (FORMAT parquet)");
        }
    }
}
