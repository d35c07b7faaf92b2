package io.clickstream.common.avro;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The lake's row schema, loaded once from {@code avro/click-event.avsc}. */
public final class EventSchema {
    public static final String RESOURCE = "/avro/click-event.avsc";
    private static final Schema SCHEMA = load();

    private EventSchema() {
    }

    public static Schema get() {
        return SCHEMA;
    }

    private static Schema load() {
        try (InputStream in = EventSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
