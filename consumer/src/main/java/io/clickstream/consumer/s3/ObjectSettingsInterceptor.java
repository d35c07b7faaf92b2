package io.clickstream.consumer.s3;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Adds the {@link ObjectSettings} (encryption, storage class, tags, ACL) to every PutObject of the client it is
 * registered on, so that whatever uploads through the consumer's client writes objects the same way.
 */
public final class ObjectSettingsInterceptor implements ExecutionInterceptor {
    private final ObjectSettings settings;

    public ObjectSettingsInterceptor(ObjectSettings settings) {
        this.settings = settings;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
        if (context.request() instanceof PutObjectRequest put) {
            return settings.applyTo(put.toBuilder()).build();
        }
        return context.request();
    }
}
