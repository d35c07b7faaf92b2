package io.clickstream.sandbox.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;

/**
 * An S3-compatible HTTP server (S3Proxy) inside this JVM.
 *
 * <p>With a base directory, objects are plain files at {@code <baseDir>/<bucket>/<key>}, so the
 * lake can be opened with DuckDB or a file browser; without one they live in memory. The store
 * outlives {@link #stop()}: a stop/start cycle is an outage, not a data loss.
 */
public final class EmbeddedS3 implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);

    private static final String HOST = "127.0.0.1";
    private static final String ACCESS_KEY = "test";
    private static final String SECRET_KEY = "test";
    private static final String REGION = "us-east-1";
    /** S3's rules: a bucket named otherwise is created on disk but then answers 404 over HTTP. */
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /**
     * No graceful stop: S3Proxy's default waits up to 30 s for in-flight requests, and Jetty
     * then even times out on idle keep-alive connections. A stop here stands for an outage.
     */
    private static final long STOP_TIMEOUT_MS = 0;

    private final Path baseDir;
    private final FaultInjectingBlobStore store;

    private int port; // guarded by this; 0 until the first start binds a port
    private S3Proxy proxy; // guarded by this; null while stopped
    private boolean closed; // guarded by this

    private EmbeddedS3(int port, Path baseDir, BlobStore store) {
        this.port = port;
        this.baseDir = baseDir;
        this.store = new FaultInjectingBlobStore(store);
    }

    /**
     * Starts a server on 127.0.0.1.
     *
     * @param port 0 for a free port, which is then kept across {@link #stop()}/{@link #start()}
     * @param baseDirOrNull directory of the "filesystem" store (created if missing), or
     *     {@code null} for the in-memory "transient" store
     */
    public static EmbeddedS3 start(int port, Path baseDirOrNull) {
        // Port 0 goes to Jetty as it is: binding "any port" there cannot race with another process.
        LocalPorts.requireValid(port);
        // Normalized: S3Proxy refuses a base folder with "." or ".." in it as a path traversal (sandbox up --lake ./lake).
        Path baseDir = baseDirOrNull == null ? null : baseDirOrNull.toAbsolutePath().normalize();
        EmbeddedS3 s3 = new EmbeddedS3(port, baseDir, newStore(baseDir));
        try {
            s3.start();
            return s3;
        } catch (RuntimeException | Error e) { // Error too: the store is released whatever failed
            s3.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}, for {@code AWS_ENDPOINT_URL} / {@code endpointOverride}. */
    public synchronized URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    public synchronized int port() {
        return port;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** The filesystem store's directory, or {@code null} for the in-memory store. */
    public Path baseDir() {
        return baseDir;
    }

    public synchronized boolean isRunning() {
        return proxy != null;
    }

    /**
     * Creates the bucket unless it exists. Works while stopped or failing: it bypasses HTTP, and
     * so also S3Proxy's name check, which is why the name is checked here.
     */
    public void createBucket(String bucket) {
        if (bucket == null || !BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("not a valid S3 bucket name (3-63 of a-z 0-9 . -): " + bucket);
        }
        BlobStore real = store.unwrapped();
        if (real.containerExists(bucket)) {
            return;
        }
        try {
            real.createContainer(bucket);
        } catch (BucketAlreadyOwnedByYouException e) {
            LOG.debug("Bucket {} was created concurrently", bucket);
        }
    }

    /**
     * A client builder already pointed at this server (endpoint, path-style, static credentials,
     * region, Apache HTTP client), for callers that want to add their own settings.
     */
    public S3ClientBuilder clientBuilder() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                // Named explicitly: with several HTTP clients on the classpath the SDK refuses to pick.
                .httpClientBuilder(Apache5HttpClient.builder());
    }

    /** A new client for this server; the caller closes it. */
    public S3Client newClient() {
        return clientBuilder().build();
    }

    /**
     * From now on every S3 request is answered with {@code httpStatus} (e.g. 503 SlowDown, 500
     * InternalError) until {@link #healRequests()}.
     */
    public void failRequests(int httpStatus) {
        store.fail(httpStatus);
        LOG.info("S3 on {} now fails every request with HTTP {}", endpoint(), httpStatus);
    }

    /** Ends {@link #failRequests(int)}. */
    public void healRequests() {
        if (store.heal()) {
            LOG.info("S3 on {} serves requests again", endpoint());
        }
    }

    /** {@code writes} is told of every PUT this server carries out from now on, in order per key. */
    public void onWrite(ObjectWrites writes) {
        store.onWrite(writes);
    }

    /** How many requests were failed by {@link #failRequests(int)} so far. */
    public long injectedFailures() {
        return store.injectedFailures();
    }

    /** Starts the HTTP server again after {@link #stop()} (a no-op if it runs), same port, same data. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("EmbeddedS3 is closed");
        }
        if (proxy != null) {
            return;
        }
        long startNanos = System.nanoTime();
        S3Proxy fresh = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://" + HOST + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .ignoreUnknownHeaders(true)
                .stopTimeout(STOP_TIMEOUT_MS)
                .build();
        try {
            fresh.start();
        } catch (Exception e) {
            stopQuietly(fresh);
            throw new IllegalStateException("S3Proxy did not start on " + HOST + ":" + port, e);
        }
        // Port 0 binds any free port; pin it so that a restart comes back at the same address.
        port = fresh.getPort();
        proxy = fresh;
        LOG.info("S3 up on {} ({}) in {} ms", endpoint(),
                baseDir == null ? "in memory" : "files in " + baseDir, elapsedMillis(startNanos));
    }

    /** Takes the HTTP server down: connections are refused until {@link #start()}. Data stays. */
    public synchronized void stop() {
        if (proxy == null) {
            return;
        }
        S3Proxy running = proxy;
        proxy = null;
        stopQuietly(running);
        LOG.info("S3 on {} stopped", endpoint());
    }

    /** Stops the server and releases the store; a base directory given by the caller is kept. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stop();
        store.close();
    }

    private static BlobStore newStore(Path baseDir) {
        Properties props = new Properties();
        if (baseDir == null) {
            return BlobStores.create("transient", props);
        }
        try {
            Files.createDirectories(baseDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 base directory " + baseDir, e);
        }
        props.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        return BlobStores.create("filesystem", props);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("S3Proxy stop failed: {}", e.toString());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
