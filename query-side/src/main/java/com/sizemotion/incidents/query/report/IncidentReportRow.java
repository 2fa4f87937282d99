package com.sizemotion.incidents.query.report;

/**
 * One group of the incident report. Times are in seconds from creation; MTTA counts incidents that
 * were acknowledged, MTTR incidents that are resolved. {@code null} where no incident counts.
 */
public record IncidentReportRow(
        String group,
        long count,
        long acknowledged,
        long resolved,
        Durations mtta,
        Durations mttr) {

    /** Mean, median and 90th percentile, in seconds. */
    public record Durations(Double mean, Double p50, Double p90) {
    }
}
