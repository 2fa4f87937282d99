package com.sizemotion.incidents.query.incident;

import com.sizemotion.incidents.api.access.Caller;
import com.sizemotion.incidents.api.incident.IncidentView;
import com.sizemotion.incidents.api.web.ApiPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/incidents}: the caller's incidents, filtered, newest first, a page at a time. */
@RestController
class IncidentSearchController {

    private final IncidentSearch search;
    private final IncidentViewRepository views;

    IncidentSearchController(IncidentSearch search, IncidentViewRepository views) {
        this.search = search;
        this.views = views;
    }

    @GetMapping("/api/v1/incidents")
    ApiPage<IncidentView> search(@RequestParam Map<String, String> parameters, Caller caller) {
        IncidentSearchCriteria criteria = IncidentSearchCriteria.parse(parameters);
        List<IncidentState> found = search.find(criteria, caller.teamIds());
        boolean hasMore = found.size() > criteria.perPage();
        List<IncidentState> page = hasMore ? found.subList(0, criteria.perPage()) : found;
        String nextCursor = hasMore
                ? new IncidentSearchCriteria.Cursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).id()).encode()
                : null;
        return ApiPage.of(page.stream().map(state -> state.toView(views.publicUrl())).toList(), criteria.perPage(), nextCursor);
    }
}
