package io.creditcontrol.alerts.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a client may set on a subscription, and nothing else: a body carrying any other field
 * (a {@code secret}, a {@code status}) is refused with a 400 naming it, whatever the service's
 * global JSON settings are.
 */
@Schema(name = "WebhookSubscriptionRequest")
public record SubscriptionRequest(
        @Schema(description = "Where deliveries are POSTed; http(s) only, public addresses only unless configured otherwise",
                examples = "https://hooks.example.com/credit-alerts", required = true) String url,
        @Schema(description = "CloudEvents types to receive; an entry ending in * matches by prefix",
                examples = "[\"credit.alert.raised\", \"credit.alert.updated\"]", required = true) List<String> eventTypes,
        @Schema(description = "Least severe alert delivered: INFO < WARNING < HIGH < CRITICAL (default INFO)", examples = "HIGH") String minSeverity,
        @Schema(description = "Free text for the people who own the endpoint", examples = "Treasury team's Teams channel") String description) {

    static final int MAX_EVENT_TYPES = 20;
    private static final Set<String> FIELDS = Set.of("url", "eventTypes", "minSeverity", "description");
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,126}\\*?|\\*");

    /** Reads and checks a body; every problem is reported at once. The URL's addresses are checked by {@link TargetUrlPolicy}. */
    static SubscriptionRequest read(JsonNode body, TargetUrlPolicy targets) {
        List<WebhookProblem.Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new WebhookProblem.InvalidRequestException(List.of(new WebhookProblem.Violation("body", "must be a JSON object")));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new WebhookProblem.Violation(name, "is not a field of a webhook subscription (allowed: url, eventTypes, minSeverity, description)"));
            }
        }
        String url = text(body, "url", violations);
        if (url == null && !violations.stream().anyMatch(v -> v.field().equals("url"))) {
            violations.add(new WebhookProblem.Violation("url", "is required"));
        } else if (url != null) {
            try {
                targets.check(url);
            } catch (RefusedTargetException e) {
                violations.add(new WebhookProblem.Violation("url", e.getMessage()));
            }
        }
        List<String> eventTypes = new ArrayList<>();
        JsonNode types = body.get("eventTypes");
        if (types == null || types.isNull() || (types.isArray() && types.isEmpty())) {
            violations.add(new WebhookProblem.Violation("eventTypes", "must name at least one event type"));
        } else if (!types.isArray()) {
            violations.add(new WebhookProblem.Violation("eventTypes", "must be an array of strings"));
        } else if (types.size() > MAX_EVENT_TYPES) {
            violations.add(new WebhookProblem.Violation("eventTypes", "must have at most " + MAX_EVENT_TYPES + " entries"));
        } else {
            Set<String> unique = new LinkedHashSet<>();
            for (int i = 0; i < types.size(); i++) {
                JsonNode type = types.get(i);
                if (!type.isTextual() || !EVENT_TYPE.matcher(type.asText()).matches()) {
                    violations.add(new WebhookProblem.Violation("eventTypes[" + i + "]",
                            "must be a CloudEvents type such as credit.alert.raised, or a prefix ending in *"));
                } else {
                    unique.add(type.asText());
                }
            }
            eventTypes.addAll(unique);
        }
        String minSeverity = text(body, "minSeverity", violations);
        if (minSeverity != null && Severity.parse(minSeverity) == null) {
            violations.add(new WebhookProblem.Violation("minSeverity", "must be one of INFO, WARNING, HIGH, CRITICAL"));
        }
        String description = text(body, "description", violations);
        if (description != null && description.length() > 500) {
            violations.add(new WebhookProblem.Violation("description", "must be at most 500 characters"));
        }
        if (!violations.isEmpty()) {
            throw new WebhookProblem.InvalidRequestException(violations);
        }
        return new SubscriptionRequest(url.trim(), List.copyOf(eventTypes),
                minSeverity == null ? Severity.INFO.name() : Severity.parse(minSeverity).name(), description);
    }

    private static String text(JsonNode body, String field, List<WebhookProblem.Violation> violations) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new WebhookProblem.Violation(field, "must be a string"));
            return null;
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
