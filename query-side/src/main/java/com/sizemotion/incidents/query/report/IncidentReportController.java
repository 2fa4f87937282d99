package com.sizemotion.incidents.query.report;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.web.ApiResponse;
import com.sizemotion.incidents.api.web.FieldErrors;
import com.sizemotion.incidents.query.support.QueryParameters;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/reports/incidents?from&to&group_by=team|severity|source|day}: per group the
 * incident count, how many were acknowledged and resolved, and MTTA/MTTR (mean, p50, p90) in
 * seconds. JSON by default, CSV for {@code Accept: text/csv}.
 */
@RestController
class IncidentReportController {

    /** The report and the window it covers ({@code from} inclusive, {@code to} exclusive). */
    record Report(Instant from, Instant to, String groupBy, List<IncidentReportRow> groups) {
    }

    private static final Set<String> PARAMETERS = Set.of("from", "to", "group_by");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final IncidentReport report;
    private final Clock clock;

    IncidentReportController(IncidentReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/reports/incidents", produces = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<Report> json(@RequestParam Map<String, String> parameters, Caller caller) {
        return ApiResponse.of(build(parameters, caller));
    }

    @GetMapping(path = "/api/v1/reports/incidents", produces = "text/csv")
    String csv(@RequestParam Map<String, String> parameters, Caller caller) {
        StringBuilder csv = new StringBuilder(
                "group,count,acknowledged,resolved,mtta_mean,mtta_p50,mtta_p90,mttr_mean,mttr_p50,mttr_p90\n");
        for (IncidentReportRow row : build(parameters, caller).groups()) {
            csv.append(quoted(row.group())).append(',').append(row.count()).append(',').append(row.acknowledged())
                    .append(',').append(row.resolved()).append(',').append(durations(row.mtta())).append(',')
                    .append(durations(row.mttr())).append('\n');
        }
        return csv.toString();
    }

    private Report build(Map<String, String> parameters, Caller caller) {
        FieldErrors errors = new FieldErrors();
        QueryParameters.rejectUnknown(parameters, PARAMETERS, errors);
        Instant to = QueryParameters.instantOrDate(parameters.get("to"), "to", errors);
        Instant from = QueryParameters.instantOrDate(parameters.get("from"), "from", errors);
        IncidentReport.GroupBy groupBy = groupBy(parameters.get("group_by"), errors);
        errors.throwIfAny();
        Instant end = to != null ? to : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_WINDOW);
        if (!start.isBefore(end)) {
            throw FieldErrors.single("to", "The to must be after from.");
        }
        return new Report(start, end, groupBy.name().toLowerCase(Locale.ROOT),
                report.rows(start, end, groupBy, caller.teamIds()));
    }

    private static IncidentReport.GroupBy groupBy(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return IncidentReport.GroupBy.TEAM;
        }
        try {
            return IncidentReport.GroupBy.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("group_by", "The selected group by is invalid. It must be one of: team, severity, source, day.");
            return null;
        }
    }

    private static String durations(IncidentReportRow.Durations d) {
        return number(d.mean()) + "," + number(d.p50()) + "," + number(d.p90());
    }

    private static String number(Double value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
