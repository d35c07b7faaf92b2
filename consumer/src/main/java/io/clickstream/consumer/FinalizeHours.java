package io.clickstream.consumer;

import io.clickstream.consumer.hours.AdminGroupProgress;
import io.clickstream.consumer.hours.HourFinalizer;
import io.clickstream.consumer.hours.HourMarker;
import io.clickstream.consumer.hours.HourRange;
import io.clickstream.consumer.layout.ObjectKeyLayout;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code --finalize-hours FROM..TO}: writes the markers of the complete hours of a range that lack them
 * (a back-fill older than {@code HOUR_LOOKBACK}, an hour an operator wants marked now), one line per hour,
 * without joining the group. Exit 0 when every hour of the range is marked or has no files, 1 otherwise.
 */
final class FinalizeHours {
    private FinalizeHours() {
    }

    static int run(ConsumerConfig config, PrintWriter out, PrintWriter err) {
        HourRange range = config.hours().finalizeRange();
        var notComplete = new ArrayList<Instant>();
        List<HourMarker.Result> results;
        try (S3Client s3 = S3ClientFactory.create(config)) {
            var progress = new AdminGroupProgress(() -> KafkaClients.admin(config, "clickstream-finalize-" + KafkaClients.instanceName()),
                    config.topic(), config.groupId());
            var marker = new HourMarker(s3, config.bucket(), new ObjectKeyLayout(config.prefix()), config.topic(),
                    config.hours().deleteOrphans());
            try (var finalizer = new HourFinalizer(progress, marker, config.hours(), Clock.systemUTC(), null)) {
                results = finalizer.finalizeRange(range.from(), range.to(), notComplete);
            }
        } catch (ConsumerApp.StartupException e) {
            err.println("cannot finalize hours: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            err.println("cannot finalize hours of topic " + config.topic() + ", group " + config.groupId() + ": "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return 1;
        }
        boolean ok = notComplete.isEmpty();
        for (HourMarker.Result result : results) {
            switch (result.outcome()) {
                case MARKED -> out.println(result.hour() + " marked: " + result.manifest().files().size() + " files, "
                        + result.manifest().rows() + " rows" + (result.manifest().orphans().isEmpty() ? ""
                                : ", " + result.manifest().orphans().size() + " orphan(s)"));
                case ALREADY_MARKED -> out.println(result.hour() + " already marked");
                case EMPTY -> out.println(result.hour() + " no files");
                case INCONSISTENT -> {
                    out.println(result.hour() + " NOT marked: " + result.problem());
                    ok = false;
                }
            }
        }
        notComplete.forEach(hour -> out.println(hour + " NOT complete: a partition of " + config.topic()
                + " has not committed past it plus the grace (" + config.hours().grace() + ")"));
        return ok ? 0 : 1;
    }
}
