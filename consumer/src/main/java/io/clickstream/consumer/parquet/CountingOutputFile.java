package io.clickstream.consumer.parquet;

import java.io.IOException;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Remembers the stream Parquet writes to, so the bytes already on disk can be told apart from the
 * pages still buffered in memory (the memory budget counts only the latter).
 */
final class CountingOutputFile implements OutputFile {
    private final OutputFile delegate;
    private PositionOutputStream stream;

    CountingOutputFile(OutputFile delegate) {
        this.delegate = delegate;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = delegate.create(blockSizeHint);
        return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        stream = delegate.createOrOverwrite(blockSizeHint);
        return stream;
    }

    @Override
    public boolean supportsBlockSize() {
        return delegate.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return delegate.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return delegate.getPath();
    }

    long bytesOnDisk() {
        try {
            return stream == null ? 0 : stream.getPos();
        } catch (IOException e) {
            return 0;
        }
    }
}
