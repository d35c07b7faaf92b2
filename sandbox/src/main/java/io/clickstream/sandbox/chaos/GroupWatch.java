package io.clickstream.sandbox.chaos;

import io.clickstream.sandbox.chaos.GroupOffsets.OffsetsUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * A thread that samples, twice a second, the group's committed offsets and the topic's end offsets for the
 * {@link RecoveryTracker}, and now and then the group's members, to tell whether they joined with an instance id
 * (static membership in effect, not merely asked for). A thread of its own: an Admin call can take seconds on a
 * loaded machine or while the broker restarts, and the run's thread must keep its schedule meanwhile.
 *
 * <p>One Admin client for as long as the broker is up; it is closed while the broker is down, so that it does
 * not log reconnection warnings for seconds, and after any failure.
 */
final class GroupWatch implements AutoCloseable {
    static final long PERIOD_MILLIS = 500;
    /** Members are described every this many samples: they change at kills and starts only. */
    private static final int DESCRIBE_EVERY = 6;
    private static final Duration ADMIN_CLOSE = Duration.ofSeconds(2);

    private final GroupOffsets offsets;
    private final StackFaults stack;
    private final RecoveryTracker tracker;
    private final FaultLog clock;
    private final Thread thread;
    private volatile boolean stopped;
    private long membersSeen; // guarded by this
    private long membersWithInstanceId; // guarded by this

    GroupWatch(GroupOffsets offsets, StackFaults stack, RecoveryTracker tracker, FaultLog clock) {
        this.offsets = offsets;
        this.stack = stack;
        this.tracker = tracker;
        this.clock = clock;
        this.thread = new Thread(this::loop, "chaos-group-watch");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Members seen over all descriptions of the group (one member described ten times counts ten). */
    synchronized long membersSeen() {
        return membersSeen;
    }

    /** Of {@link #membersSeen()}, those that had joined with a {@code group.instance.id}. */
    synchronized long membersWithInstanceId() {
        return membersWithInstanceId;
    }

    private void loop() {
        Admin admin = null;
        long samples = 0;
        try {
            while (!stopped) {
                long began = clock.elapsedMillis();
                if (!stack.brokerUp()) {
                    admin = close(admin);
                } else {
                    try {
                        if (admin == null) {
                            admin = offsets.openAdmin("chaos-group-watch");
                        }
                        long sent = clock.elapsedMillis();
                        Map<Integer, Long> committed = offsets.committed(admin);
                        long answered = clock.elapsedMillis();
                        tracker.sample(sent, answered, committed, offsets.endOffsets(admin));
                        if (samples++ % DESCRIBE_EVERY == 0) {
                            noteMembers(offsets.members(admin));
                        }
                    } catch (OffsetsUnavailableException | RuntimeException e) {
                        admin = close(admin); // the broker restarting, or the run ending: a fresh client next time
                    }
                }
                long left = PERIOD_MILLIS - (clock.elapsedMillis() - began);
                if (!stopped && left > 0) {
                    Thread.sleep(left);
                }
            }
        } catch (InterruptedException e) {
            // close() stops the thread this way
        } finally {
            close(admin);
        }
    }

    private synchronized void noteMembers(List<MemberDescription> members) {
        membersSeen += members.size();
        membersWithInstanceId += members.stream().filter(m -> m.groupInstanceId().isPresent()).count();
    }

    private static Admin close(Admin admin) {
        if (admin != null) {
            try {
                admin.close(ADMIN_CLOSE);
            } catch (RuntimeException e) {
                // a client that cannot close cleanly is dropped all the same
            }
        }
        return null;
    }

    /** Stops the thread and waits for it (and its Admin client) to be gone. */
    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
