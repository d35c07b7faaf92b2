package io.clickstream.sandbox.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EmbeddedStack} per test class, on free ports, closed after the class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedStackExtension STACK = new EmbeddedStackExtension();
 * }</pre>
 *
 * <p>By default S3 keeps its objects as files in a temporary directory ({@link #lakeDir()}), so a
 * test can also read the lake directly (DuckDB, Parquet readers); {@link #inMemoryS3()} uses the
 * in-memory store instead. The field must be static: JUnit runs class-level callbacks only for
 * static extension fields.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, AfterAllCallback {

    private final boolean filesystemLake;
    private final boolean secureKafka;
    private EmbeddedStack stack;
    private Path lakeDir;
    private String ownerId; // the class context that started the stack closes it

    /** Kafka plus S3 with a filesystem store in a temporary directory. */
    public EmbeddedStackExtension() {
        this(true, false);
    }

    private EmbeddedStackExtension(boolean filesystemLake, boolean secureKafka) {
        this.filesystemLake = filesystemLake;
        this.secureKafka = secureKafka;
    }

    /** Kafka plus S3 with the in-memory store. */
    public static EmbeddedStackExtension inMemoryS3() {
        return new EmbeddedStackExtension(false, false);
    }

    /** Kafka with a SASL_SSL listener too ({@link EmbeddedKafka#secureListener()}), S3 with a filesystem store. */
    public static EmbeddedStackExtension secureKafka() {
        return new EmbeddedStackExtension(true, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (stack != null) {
            return; // a @Nested class shares its outer class's stack
        }
        if (filesystemLake) {
            try {
                lakeDir = Files.createTempDirectory("embedded-lake-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary lake directory", e);
            }
        }
        try {
            stack = EmbeddedStack.start(0, secureKafka ? 0 : -1, 0, lakeDir, null);
        } catch (RuntimeException | Error e) {
            Directories.deleteQuietly(lakeDir);
            lakeDir = null;
            throw e;
        }
        ownerId = context.getUniqueId();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack == null || !context.getUniqueId().equals(ownerId)) {
            return;
        }
        try {
            stack.close();
        } finally {
            stack = null;
            if (lakeDir != null) {
                Directories.deleteQuietly(lakeDir);
                lakeDir = null;
            }
        }
    }

    public EmbeddedStack stack() {
        if (stack == null) {
            throw new IllegalStateException(
                    "EmbeddedStackExtension is not started: register it on a static field with @RegisterExtension");
        }
        return stack;
    }

    public EmbeddedKafka kafka() {
        return stack().kafka();
    }

    public EmbeddedS3 s3() {
        return stack().s3();
    }

    /** The directory behind S3's filesystem store, or {@code null} with {@link #inMemoryS3()}. */
    public Path lakeDir() {
        stack();
        return lakeDir;
    }
}
