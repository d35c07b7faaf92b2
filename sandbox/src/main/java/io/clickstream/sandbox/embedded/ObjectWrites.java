package io.clickstream.sandbox.embedded;

import java.util.Map;

/**
 * Told of every PUT the embedded S3 server carried out, in the order it carried out the PUTs of one key: what the
 * key held before (its user metadata, or null when the key was free) and what it holds now. The harness's own view
 * of the store, independent of what the writers log (a writer frozen between its PUT and its log line logs the PUT
 * late). Called on the server's request thread, under the key's lock: it must be quick and must not touch the key.
 * Metadata names are in lower case, as the store keeps them.
 *
 * <p>PUTs only: a CopyObject or a completed multipart upload that replaces an object is not reported (the consumer
 * makes neither: one PUT per file), so a harness judging overwrites through this sees only the consumer's kind of
 * write.
 */
@FunctionalInterface
public interface ObjectWrites {
    ObjectWrites NONE = (bucket, key, replaced, written) -> { };

    void written(String bucket, String key, Map<String, String> replacedOrNull, Map<String, String> written);
}
