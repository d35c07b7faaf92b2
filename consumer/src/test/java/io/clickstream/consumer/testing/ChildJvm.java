package io.clickstream.consumer.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A class's {@code main} in a JVM of its own, with the tests' class path and JVM options of the test's choosing. */
public final class ChildJvm {

    /** What the child printed (standard output and error, interleaved) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    private ChildJvm() {
    }

    /** Runs {@code main} with {@code jvmOptions}; fails when it takes more than a minute. */
    public static Result run(List<String> jvmOptions, Class<?> main) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(main.getName() + " did not end within a minute:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }
}
