package io.clickstream.consumer.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * {@code /ready}: the consumer is in its group, holding partitions or waiting as a standby, S3 answered its
 * last request, and no partition has been retrying its upload longer than {@link HealthState#MAX_BACKOFF}.
 *
 * @param assigned partitions held (0 when not joined)
 * @param backoff partitions retrying an upload, sorted by name
 */
public record Readiness(boolean ready, boolean joined, int assigned, HealthState.S3 s3, List<Backoff> backoff) {
    private static final JsonFactory JSON = new JsonFactory();

    public Readiness {
        backoff = List.copyOf(backoff);
    }

    /** @param seconds how long the partition's upload has been failing */
    public record Backoff(String partition, long seconds) implements Comparable<Backoff> {
        @Override
        public int compareTo(Backoff other) {
            return partition.compareTo(other.partition);
        }
    }

    /** In the group with no partition: more consumers than partitions, this one waits to take over. */
    public boolean standby() {
        return joined && assigned == 0;
    }

    /** {@code {"ready":true,"assigned":3,"standby":false,"s3":"reachable","backoff":[]}} */
    public String toJson() {
        var out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeBooleanField("ready", ready);
            json.writeNumberField("assigned", assigned);
            json.writeBooleanField("standby", standby());
            json.writeBooleanField("joined", joined);
            json.writeStringField("s3", s3.name().toLowerCase(Locale.ROOT));
            json.writeArrayFieldStart("backoff");
            for (Backoff b : backoff) {
                json.writeStartObject();
                json.writeStringField("partition", b.partition());
                json.writeNumberField("seconds", b.seconds());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }
}
