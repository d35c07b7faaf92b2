package io.clickstream.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * What went wrong in a run besides the lake: a problem (a producer failure, a consumer that crashed, a drain
 * that timed out) fails the run; a warning (a known defect that does not touch the lake) is only reported.
 */
final class Findings {
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void problem(String text) {
        problems.add(text);
    }

    void warning(String text) {
        warnings.add(text);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }
}
