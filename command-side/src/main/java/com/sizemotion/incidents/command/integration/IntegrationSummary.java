package com.sizemotion.incidents.command.integration;

import java.util.List;

/** The answer to a webhook delivery: one {@link AlertOutcome} per alert, in the payload's order. */
public record IntegrationSummary(List<AlertOutcome> alerts) {
}
