package io.clickstream.consumer.delivery;

import io.clickstream.consumer.generation.ClosedGeneration;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points where a test may crash the consumer, to prove a crash there loses and duplicates nothing.
 * In production these are no-ops: they are armed only by the JVM option {@code -Dclickstream.fault=...}
 * (a system property, which nothing passes on by accident), never by an environment variable, which
 * compose passes through from {@code .env}. The crash tests start the consumer with one of:
 * <ul>
 *   <li>{@code halt-after-upload[:N]}: halt the JVM (like kill -9) after the N-th generation is
 *       uploaded and before its offsets are committed;</li>
 *   <li>{@code halt-during-upload[:N]}: halt in the middle of the N-th generation's upload;</li>
 *   <li>{@code pause-after-upload:<duration>}: sleep between upload and commit, so an external
 *       {@code kill -9} can land there, after logging {@code pausing <ms> ms between the upload of ...}; not for
 *       a partition's first generation in the process (a restart's or a takeover's catch-up), which commits at
 *       once as it would in a deployment, so that a chaos run's recovery times measure the consumer, not the
 *       hook;</li>
 *   <li>{@code stall-before-upload:<duration>}: the first upload waits before its first file, so that a
 *       test can stop the whole JVM ({@code SIGSTOP}) past its session timeout with an upload pending: the
 *       zombie whose late upload must not replace its successor's object.</li>
 * </ul>
 */
public interface FaultHooks {
    FaultHooks NONE = new FaultHooks() {
    };

    /** The system property that arms a hook. */
    String PROPERTY = "clickstream.fault";
    /** The environment variable that armed hooks before: still recognized, only to warn that it does nothing. */
    String ENV = "CLICKSTREAM_FAULT";

    /** Called after {@code uploadedSoFar} files of a generation are uploaded, before the next one. */
    default void betweenFiles(ClosedGeneration generation, int uploadedSoFar) {
    }

    /** Called after every file of a generation is uploaded and before its offsets are committed. */
    default void afterUpload(ClosedGeneration generation) {
    }

    /** The hook {@code -Dclickstream.fault} asks for, or {@link #NONE}; a bad spec is an IllegalArgumentException. */
    static FaultHooks parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        String[] parts = spec.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Logger log = LoggerFactory.getLogger(FaultHooks.class);
        log.warn("-D{}={} is set: this consumer will crash or stall on purpose (test hook)", PROPERTY, spec);
        return switch (parts[0]) {
            case "halt-after-upload" -> new Halting(count(spec, parts), false);
            case "halt-during-upload" -> new Halting(count(spec, parts), true);
            case "pause-after-upload" -> {
                Duration pause = duration(spec, parts);
                Set<TopicPartition> uploadedBefore = ConcurrentHashMap.newKeySet();
                yield new FaultHooks() {
                    @Override
                    public void afterUpload(ClosedGeneration generation) {
                        if (uploadedBefore.add(generation.partition())) {
                            return;
                        }
                        log.info("-D{}: pausing {} ms between the upload of {} offsets {}..{} and its commit", PROPERTY,
                                pause.toMillis(), generation.partition(), generation.startOffset(),
                                generation.commitOffset() - 1);
                        sleep(pause);
                    }
                };
            }
            case "stall-before-upload" -> {
                Duration stall = duration(spec, parts);
                var stalled = new java.util.concurrent.atomic.AtomicBoolean();
                yield new FaultHooks() {
                    @Override
                    public void betweenFiles(ClosedGeneration generation, int uploadedSoFar) {
                        if (uploadedSoFar == 0 && !generation.files().isEmpty() && stalled.compareAndSet(false, true)) {
                            log.warn("-D{}: stalling {} before the upload of {} offsets {}..{}", PROPERTY, stall,
                                    generation.partition(), generation.startOffset(), generation.commitOffset() - 1);
                            sleep(stall);
                        }
                    }
                };
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + spec + ": expected halt-after-upload[:N], "
                    + "halt-during-upload[:N], pause-after-upload:<duration> or stall-before-upload:<duration>");
        };
    }

    private static Duration duration(String spec, String[] parts) {
        return io.clickstream.common.config.Units.parseDuration(parts.length > 1 ? parts[1] : "5s")
                .orElseThrow(() -> new IllegalArgumentException("-D" + PROPERTY + ": bad duration in " + spec));
    }

    private static int count(String spec, String[] parts) {
        if (parts.length < 2) {
            return 1;
        }
        try {
            int n = Integer.parseInt(parts[1].trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + spec + ": the count after ':' must be a whole number >= 1");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Halts like {@code kill -9}: no shutdown hooks, no flush, no commit. */
    final class Halting implements FaultHooks {
        private final int afterGenerations;
        private final boolean during;
        private final AtomicInteger generations = new AtomicInteger();
        private volatile ClosedGeneration victim;

        Halting(int afterGenerations, boolean during) {
            this.afterGenerations = afterGenerations;
            this.during = during;
        }

        @Override
        public void betweenFiles(ClosedGeneration generation, int uploadedSoFar) {
            if (!during) {
                return;
            }
            if (uploadedSoFar == 0 && generations.incrementAndGet() >= afterGenerations) {
                victim = generation;
            }
            // Halfway through a multi-file generation, or before the only file of a single-file one.
            if (victim == generation && uploadedSoFar == generation.files().size() / 2) {
                halt("during the upload of " + generation.partition() + " (" + uploadedSoFar + " of "
                        + generation.files().size() + " files uploaded)");
            }
        }

        @Override
        public void afterUpload(ClosedGeneration generation) {
            if (!during && generations.incrementAndGet() >= afterGenerations) {
                halt("after uploading " + generation.partition() + " offsets " + generation.startOffset() + ".."
                        + (generation.commitOffset() - 1) + ", before the commit");
            }
        }

        private static void halt(String where) {
            LoggerFactory.getLogger(FaultHooks.class).warn("-D{}: halting the JVM {}", PROPERTY, where);
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
