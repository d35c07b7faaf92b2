package io.clickstream.sandbox.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for servers that must know their port before they bind it. */
final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * A port that was free a moment ago. Another process may still take it before the caller
     * binds it; the servers here then fail to start with a clear bind error, which is preferable
     * to binding port 0 for Kafka, whose controller address must be known before start-up.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** {@code port}, or a free port when it is 0. */
    static int resolve(int port) {
        return requireValid(port) == 0 ? freePort() : port;
    }

    /** {@code port} if it is 0 (any free port) or a real port number. */
    static int requireValid(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1-65535, got " + port);
        }
        return port;
    }
}
