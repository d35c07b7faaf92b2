package io.clickstream.sandbox.pipeline;

import io.clickstream.sandbox.embedded.EmbeddedStackExtension;
import java.util.function.Supplier;

/** The endpoints of the embedded stack a test class runs against. */
record EmbeddedEndpoints(EmbeddedStackExtension stack) implements Supplier<Endpoints> {
    @Override
    public Endpoints get() {
        return new Endpoints(stack.kafka().bootstrapServers(), stack.s3().endpoint(), stack.s3().accessKey(),
                stack.s3().secretKey(), stack.s3().region());
    }
}
