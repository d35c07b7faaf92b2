package io.clickstream.producer.sim;

import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The sessions in progress, by the time of their next event: a 4-ary min-heap whose keys sit in a
 * {@code long[]} of their own. With thousands of sessions, {@code java.util.PriorityQueue} compares through
 * each session object (a cache miss per comparison) and took twice the time per event; here a sift reads
 * contiguous keys, and the session whose event was just emitted is put back by moving the top down once
 * instead of a removal and an insertion.
 */
final class SessionQueue {
    private long[] keys = new long[256];
    private Session[] sessions = new Session[256];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds a session at the time of its {@link Session#nextEventNanos}. */
    void add(Session session) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            sessions = Arrays.copyOf(sessions, size * 2);
        }
        siftUp(size++, session.nextEventNanos, session);
    }

    /** The session with the earliest next event. */
    Session peek() {
        if (size == 0) {
            throw new NoSuchElementException("no session in progress");
        }
        return sessions[0];
    }

    /** The time of the earliest next event; {@link Long#MAX_VALUE} when empty. */
    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : keys[0];
    }

    /** Removes the session {@link #peek()} returned. */
    void removeTop() {
        peek();
        size--;
        Session last = sessions[size];
        long lastKey = keys[size];
        sessions[size] = null;
        if (size > 0) {
            siftDown(0, lastKey, last);
        }
    }

    /** Moves the session {@link #peek()} returned to where its changed {@link Session#nextEventNanos} belongs. */
    void updateTop() {
        Session top = peek();
        siftDown(0, top.nextEventNanos, top);
    }

    private void siftUp(int index, long key, Session session) {
        while (index > 0) {
            int parent = (index - 1) >>> 2;
            if (keys[parent] <= key) {
                break;
            }
            keys[index] = keys[parent];
            sessions[index] = sessions[parent];
            index = parent;
        }
        keys[index] = key;
        sessions[index] = session;
    }

    private void siftDown(int index, long key, Session session) {
        while (true) {
            int first = 4 * index + 1;
            if (first >= size) {
                break;
            }
            int smallest = first;
            int end = Math.min(first + 4, size);
            for (int child = first + 1; child < end; child++) {
                if (keys[child] < keys[smallest]) {
                    smallest = child;
                }
            }
            if (key <= keys[smallest]) {
                break;
            }
            keys[index] = keys[smallest];
            sessions[index] = sessions[smallest];
            index = smallest;
        }
        keys[index] = key;
        sessions[index] = session;
    }
}
