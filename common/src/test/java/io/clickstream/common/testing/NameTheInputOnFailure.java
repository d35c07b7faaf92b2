package io.clickstream.common.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.ValueWrapper;

/**
 * Puts the generated input into the failure itself.
 *
 * <p>Maven's console report names a parameterized test {@code method(Type)[index]}, not by its display name, so
 * on its own {@code @ParameterizedTest(name = "{0}")} names the input only in IDEs and the XML reports. This
 * prefixes the failure message of a {@code @ParameterizedTest} with its display name; an unexpected exception
 * becomes a failure that says which input threw it, with the exception as its cause.
 */
public final class NameTheInputOnFailure implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        if (!context.getRequiredTestMethod().isAnnotationPresent(ParameterizedTest.class)) {
            throw thrown;
        }
        String input = "input " + context.getDisplayName();
        Throwable named;
        if (thrown instanceof AssertionFailedError failed) {
            String message = input + ": " + failed.getMessage();
            named = failed.isExpectedDefined() || failed.isActualDefined()
                    ? new AssertionFailedError(message, valueOf(failed.getExpected()), valueOf(failed.getActual()))
                    : new AssertionFailedError(message);
        } else if (thrown instanceof AssertionError) {
            named = new AssertionError(input + ": " + thrown.getMessage());
        } else {
            throw new AssertionFailedError(input + " threw " + thrown, thrown);
        }
        named.setStackTrace(thrown.getStackTrace());
        for (Throwable suppressed : thrown.getSuppressed()) {
            named.addSuppressed(suppressed);
        }
        if (thrown.getCause() != null) {
            named.initCause(thrown.getCause());
        }
        throw named;
    }

    private static Object valueOf(ValueWrapper wrapper) {
        return wrapper == null ? null : wrapper.getValue();
    }
}
