package io.clickstream.sandbox.lake;

import java.util.List;

/**
 * What the verifier found. The lake is right when every offset of the topic is in the lake or the
 * dead-letter topic, no (partition, offset) is in the lake twice, every row sits in the hour folder
 * of its timestamp, and the schema is the documented one.
 */
public record VerifierReport(
        long expectedOffsets,
        long rows,
        int files,
        long deadLetters,
        long duplicateOffsets,
        long missingOffsets,
        long rowsInWrongHour,
        List<String> schemaProblems,
        List<String> missingSamples,
        int markedHours,
        List<String> markerProblems) {

    /** A lake without hour markers checked. */
    public VerifierReport(long expectedOffsets, long rows, int files, long deadLetters, long duplicateOffsets,
            long missingOffsets, long rowsInWrongHour, List<String> schemaProblems, List<String> missingSamples) {
        this(expectedOffsets, rows, files, deadLetters, duplicateOffsets, missingOffsets, rowsInWrongHour, schemaProblems,
                missingSamples, 0, List.of());
    }

    public boolean ok() {
        return duplicateOffsets == 0 && missingOffsets == 0 && rowsInWrongHour == 0 && schemaProblems.isEmpty()
                && markerProblems.isEmpty();
    }

    public String describe() {
        return String.format(
                "verdict: %s%n  topic offsets expected: %d%n  lake rows: %d in %d files%n  dead-letter records: %d%n"
                        + "  duplicate (partition, offset) in lake: %d%n  offsets in neither lake nor DLQ: %d%s%n"
                        + "  rows in the wrong hour folder: %d%n  schema problems: %s%n"
                        + "  complete hours marked (_SUCCESS): %d, manifests checked against the files: %s",
                ok() ? "PASS" : "FAIL", expectedOffsets, rows, files, deadLetters, duplicateOffsets, missingOffsets,
                missingSamples.isEmpty() ? "" : " e.g. " + missingSamples, rowsInWrongHour,
                schemaProblems.isEmpty() ? "none" : schemaProblems, markedHours,
                markerProblems.isEmpty() ? "all match" : markerProblems.size() + " problem(s) " + markerProblems);
    }
}
