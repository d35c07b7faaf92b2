package io.clickstream.sandbox.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of an HTTP server (the embedded S3) that passes every byte through unchanged and writes
 * down each request's method, target and headers as they arrive at the server: what a client really sent,
 * after its SDK built the request. Bytes are not touched, so signatures still match.
 *
 * <p>Hand-written because it must not be a proxy that rewrites (a {@code Host} or a chunk would break the
 * SigV4 signature); it reads only HTTP/1.1 request heads and their framing (Content-Length or chunked).
 */
public final class RecordingRelay implements AutoCloseable {

    /** One request as it reached the server; header names in lower case. */
    public record Request(String method, String target, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final URI target;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private RecordingRelay(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free loopback port and relays to {@code target} ({@code http://host:port}). */
    public static RecordingRelay start(URI target) throws IOException {
        var relay = new RecordingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        daemon("relay-accept", relay::acceptLoop).start();
        return relay;
    }

    /** {@code http://127.0.0.1:<port>}: point the client here instead of at the server. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon("relay-requests", () -> relayRequests(client, upstream)).start();
                daemon("relay-responses", () -> copy(upstream, client)).start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("RecordingRelay: " + e);
                }
            }
        }
    }

    private void relayRequests(Socket client, Socket upstream) {
        try (client; upstream) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            OutputStream out = upstream.getOutputStream();
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    return;
                }
                Request request = parse(head);
                requests.add(request);
                out.write(head);
                out.flush();
                String length = request.header("content-length");
                if ("chunked".equalsIgnoreCase(request.header("transfer-encoding"))) {
                    copyChunked(in, out);
                } else if (length != null) {
                    copyExactly(in, out, Long.parseLong(length.strip()));
                }
                out.flush();
            }
        } catch (IOException e) {
            // a connection closed by either side: nothing to relay any more
        }
    }

    private static void copy(Socket from, Socket to) {
        try (from; to) {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        }
    }

    /** The bytes up to and including the blank line, or null at the end of the stream. */
    private static byte[] readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toByteArray();
            }
        }
        return null;
    }

    private static Request parse(byte[] head) {
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return new Request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    private static void copyExactly(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("request body ended early");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            long size = Long.parseLong(sizeLine.split(";")[0].strip(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                return;
            }
            copyExactly(in, out, size + 2); // the chunk and its CRLF
        }
    }

    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0) {
            throw new IOException("stream ended inside a chunked body");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static Thread daemon(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }
}
