package io.clickstream.sandbox.chaos;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a consumer process of a chaos run misbehaves by itself, through the consumer's test hook
 * {@code -Dclickstream.fault} (see {@code io.clickstream.consumer.delivery.FaultHooks}).
 */
public sealed interface ConsumerMode {

    /** The value of {@code -Dclickstream.fault}, or {@code null} for a well-behaved consumer. */
    String faultSpec();

    /** Halts itself at some point (exit 137). */
    default boolean selfHalting() {
        return this instanceof HaltAfterUpload || this instanceof HaltDuringUpload;
    }

    /** A well-behaved consumer. */
    record Clean() implements ConsumerMode {
        @Override
        public String faultSpec() {
            return null;
        }

        @Override
        public String toString() {
            return "no fault hook";
        }
    }

    /**
     * Sleeps between a generation's upload and its commit: the window in which a {@code kill -9}
     * leaves files in S3 whose offsets are not committed, so the replay must overwrite them.
     */
    record PauseAfterUpload(Duration pause) implements ConsumerMode {
        /**
         * What the hook logs as it starts a pause, with the generation it pauses. It does not pause a partition's
         * first generation in the process (a restart's catch-up commits at once, as in a deployment), so an aimed
         * kill waits for this line rather than for any upload, and the generation it hits is the one named here:
         * another partition's upload may be logged during the pause.
         */
        private static final Pattern PAUSING = Pattern.compile(
                "ms between the upload of \\S+-(\\d+) offsets (\\d+)\\.\\.(\\d+) and its commit");

        /** The generation the consumer's line says it now pauses between its upload and its commit, if it says so. */
        static Optional<Announced> announced(String line) {
            Matcher m = PAUSING.matcher(line);
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(new Announced(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        }

        /** A generation uploaded and not committed while the hook pauses. */
        record Announced(int partition, long firstOffset, long lastOffset) {
        }

        @Override
        public String faultSpec() {
            return "pause-after-upload:" + pause.toMillis() + "ms";
        }

        @Override
        public String toString() {
            return faultSpec();
        }
    }

    /** Halts itself (exit 137, like {@code kill -9}) between the upload of its n-th generation and its commit. */
    record HaltAfterUpload(int generation) implements ConsumerMode {
        public HaltAfterUpload {
            if (generation < 1) {
                throw new IllegalArgumentException("generation must be >= 1, got " + generation);
            }
        }

        @Override
        public String faultSpec() {
            return "halt-after-upload:" + generation;
        }

        @Override
        public String toString() {
            return faultSpec();
        }
    }

    /** Halts itself (exit 137, like {@code kill -9}) halfway through the upload of its n-th generation. */
    record HaltDuringUpload(int generation) implements ConsumerMode {
        public HaltDuringUpload {
            if (generation < 1) {
                throw new IllegalArgumentException("generation must be >= 1, got " + generation);
            }
        }

        @Override
        public String faultSpec() {
            return "halt-during-upload:" + generation;
        }

        @Override
        public String toString() {
            return faultSpec();
        }
    }
}
