package io.creditcontrol.alerts.alert;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.creditcontrol.alerts.alert.AlertTransition.Action;
import io.creditcontrol.alerts.messaging.CloudEvent;
import io.creditcontrol.alerts.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Opens, folds, acknowledges and resolves alerts. Every change is recorded in the alert's history,
 * appended to the outbox for credit.alerts.v1 and announced to the webhook deliveries
 * ({@link AlertPublished}, synchronously), all in the caller's transaction: the alert, its event
 * and its webhooks commit together or not at all.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Alerts {

    public static final String ALERTS_TOPIC = "credit.alerts.v1";
    public static final String ALERT_RAISED = "credit.alert.raised";
    public static final String ALERT_UPDATED = "credit.alert.updated";
    public static final String SOURCE = "/alerts-service";

    private static final Logger LOG = Logger.getLogger(Alerts.class);

    private final Outbox outbox;
    private final Event<AlertPublished> published;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MeterRegistry registry;

    Alerts(Outbox outbox, Event<AlertPublished> published, ObjectMapper mapper, Clock clock, MeterRegistry registry) {
        this.outbox = outbox;
        this.published = published;
        this.mapper = mapper;
        this.clock = clock;
        this.registry = registry;
    }

    /**
     * A rule fired. Opens an alert for the buyer, rule and cause, or folds the occurrence into the
     * unresolved one: a new occurrence counts once more, one already counted changes nothing unless
     * it comes with a higher severity. Returns the alert.
     */
    public Alert fire(Firing firing) {
        Instant now = now();
        if (firing.occurrences().isEmpty()) {
            throw new IllegalArgumentException("a firing needs at least one occurrence");
        }
        Alert alert = Alert.unresolved(firing.buyerId(), firing.rule(), firing.causeKey());
        if (alert == null) {
            alert = new Alert();
            alert.alertId = "ALR-" + UUID.randomUUID();
            alert.buyerId = firing.buyerId();
            alert.rule = firing.rule();
            alert.causeKey = firing.causeKey();
            alert.openCauseKey = firing.causeKey();
            alert.severity = firing.severity();
            alert.state = AlertState.OPEN;
            alert.fireCount = firing.occurrences().size();
            alert.summary = clip(firing.summary());
            alert.baseline = firing.baseline();
            alert.raisedAt = now;
            alert.lastFiredAt = now;
            alert.persist();
            Alert opened = alert;
            firing.occurrences().forEach(o -> occurrence(opened, o, now));
            record(alert, Action.RAISED, null, AlertTransition.SYSTEM, null, now);
            raisedCounter(alert);
            publish(alert, ALERT_RAISED, now);
            LOG.infof("Alert %s raised: %s %s for buyer %s (%s)", alert.alertId, alert.severity, alert.rule, alert.buyerId, alert.summary);
            return alert;
        }
        Alert open = alert;
        List<Occurrence> fresh = firing.occurrences().stream().filter(o -> !AlertOccurrence.exists(open.alertId, clipKey(o.key()))).toList();
        boolean newOccurrence = !fresh.isEmpty();
        boolean higherSeverity = firing.severity().ordinal() > alert.severity.ordinal();
        if (!newOccurrence && !higherSeverity) {
            return alert;
        }
        alert.severity = alert.severity.atLeast(firing.severity());
        alert.summary = clip(firing.summary());
        alert.lastFiredAt = now;
        if (newOccurrence) {
            alert.fireCount += fresh.size();
            fresh.forEach(o -> occurrence(open, o, now));
            raisedCounter(alert);
        }
        record(alert, newOccurrence ? Action.FIRED_AGAIN : Action.SEVERITY_RAISED, alert.state, AlertTransition.SYSTEM, null, now);
        publish(alert, ALERT_UPDATED, now);
        return alert;
    }

    /** The cause of every unresolved alert of this buyer and rule (and cause) cleared: the rules resolve them. */
    public void clear(Alert alert, String why) {
        if (!alert.isResolved()) {
            resolveAs(alert, AlertTransition.SYSTEM, why);
        }
    }

    public void clear(String buyerId, AlertRule rule, String causeKey, String why) {
        Alert alert = Alert.unresolved(buyerId, rule, causeKey);
        if (alert != null) {
            clear(alert, why);
        }
    }

    /** Someone has seen the alert and is on it. Only an open alert can be acknowledged (409 otherwise). */
    public Alert acknowledge(String alertId, String actor, String note) {
        Alert alert = lock(alertId);
        if (alert.state != AlertState.OPEN) {
            throw new ClientErrorException("Alert " + alertId + " is " + alert.state + "; only an OPEN alert can be acknowledged", 409);
        }
        Instant now = now();
        AlertState before = alert.state;
        alert.state = AlertState.ACKNOWLEDGED;
        alert.acknowledgedAt = now;
        alert.acknowledgedBy = actor;
        record(alert, Action.ACKNOWLEDGED, before, actor, note, now);
        publish(alert, ALERT_UPDATED, now);
        return alert;
    }

    /** Closed by a person, with a note. A resolved alert cannot be resolved again (409). */
    public Alert resolve(String alertId, String actor, String note) {
        Alert alert = lock(alertId);
        if (alert.isResolved()) {
            throw new ClientErrorException("Alert " + alertId + " is already RESOLVED", 409);
        }
        resolveAs(alert, actor, note);
        return alert;
    }

    private void resolveAs(Alert alert, String actor, String note) {
        Instant now = now();
        AlertState before = alert.state;
        alert.state = AlertState.RESOLVED;
        alert.openCauseKey = null;
        alert.resolvedAt = now;
        alert.resolvedBy = actor;
        record(alert, Action.RESOLVED, before, actor, note, now);
        publish(alert, ALERT_UPDATED, now);
        LOG.infof("Alert %s (%s, buyer %s) resolved by %s: %s", alert.alertId, alert.rule, alert.buyerId, actor, note);
    }

    private static Alert lock(String alertId) {
        Alert alert = Alert.findById(alertId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (alert == null) {
            throw new NotFoundException("Alert " + alertId + " does not exist");
        }
        return alert;
    }

    private static void occurrence(Alert alert, Occurrence fired, Instant now) {
        AlertOccurrence occurrence = new AlertOccurrence();
        occurrence.alertId = alert.alertId;
        occurrence.occurrenceKey = clipKey(fired.key());
        occurrence.invoiceNumber = fired.invoiceNumber();
        occurrence.firedAt = now;
        occurrence.persist();
    }

    private void record(Alert alert, Action action, AlertState before, String actor, String note, Instant now) {
        AlertTransition transition = new AlertTransition();
        transition.alertId = alert.alertId;
        transition.happenedAt = now;
        transition.action = action;
        transition.fromState = before;
        transition.toState = alert.state;
        transition.severity = alert.severity;
        transition.fireCount = alert.fireCount;
        transition.actor = actor;
        transition.note = note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note;
        transition.persist();
    }

    private void raisedCounter(Alert alert) {
        registry.counter("credit.alerts.raised", "rule", alert.rule.name(), "severity", alert.severity.name()).increment();
    }

    /** The alert's full current state on credit.alerts.v1, and the same event to the webhook deliveries. */
    private void publish(Alert alert, String type, Instant now) {
        ObjectNode data = mapper.createObjectNode();
        data.put("alertId", alert.alertId);
        data.put("buyerId", alert.buyerId);
        data.put("rule", alert.rule.name());
        data.put("severity", alert.severity.name());
        data.put("state", alert.state.name());
        data.put("count", alert.fireCount);
        data.put("summary", alert.summary);
        data.put("raisedAt", alert.raisedAt.toString());
        data.put("cause", alert.causeKey);
        data.put("lastFiredAt", alert.lastFiredAt.toString());
        if (alert.acknowledgedAt != null) {
            data.put("acknowledgedAt", alert.acknowledgedAt.toString());
            data.put("acknowledgedBy", alert.acknowledgedBy);
        }
        if (alert.resolvedAt != null) {
            data.put("resolvedAt", alert.resolvedAt.toString());
            data.put("resolvedBy", alert.resolvedBy);
        }
        CloudEvent event = CloudEvent.create(type, SOURCE, alert.buyerId, now, data);
        outbox.append(ALERTS_TOPIC, event);
        published.fire(new AlertPublished(event, alert.severity.name()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static String clipKey(String key) {
        return key.length() > 128 ? key.substring(0, 128) : key;
    }

    private static String clip(String summary) {
        return summary.length() > 1000 ? summary.substring(0, 997) + "..." : summary;
    }

    /** Unresolved alerts of a rule for a buyer. */
    public List<Alert> unresolved(String buyerId, AlertRule rule) {
        return Alert.unresolvedOf(buyerId, rule);
    }

    /** What one firing is about: an event or an item, counted once per alert; bound to an invoice when there is one. */
    public record Occurrence(String key, String invoiceNumber) {

        public static Occurrence of(String key) {
            return new Occurrence(key, null);
        }

        public static Occurrence invoice(String invoiceNumber) {
            return new Occurrence("invoice:" + invoiceNumber, invoiceNumber);
        }
    }

    /**
     * One firing of a rule. {@code causeKey} identifies the cause within the buyer and rule (one
     * unresolved alert per cause); {@code occurrences} what this firing is about (each counted
     * once); {@code baseline} the value the rule compares later facts with to see the cause clear.
     */
    public record Firing(String buyerId, AlertRule rule, String causeKey, Severity severity, String summary,
            List<Occurrence> occurrences, String baseline) {

        public static Firing of(String buyerId, AlertRule rule, String causeKey, Severity severity, String summary,
                Occurrence... occurrences) {
            return new Firing(buyerId, rule, causeKey, severity, summary, List.of(occurrences), null);
        }

        public static Firing of(String buyerId, AlertRule rule, String causeKey, Severity severity, String summary,
                List<Occurrence> occurrences) {
            return new Firing(buyerId, rule, causeKey, severity, summary, List.copyOf(occurrences), null);
        }

        public Firing withBaseline(String baseline) {
            return new Firing(buyerId, rule, causeKey, severity, summary, occurrences, baseline);
        }
    }
}
