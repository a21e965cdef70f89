package io.creditcontrol.limits.messaging;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where this service announces what it decided. Appending joins the caller's transaction, so
 * the event exists if and only if the state change it describes was committed.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper mapper;
    private final Clock clock;

    Outbox(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, CloudEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = event.id();
        row.topic = topic;
        row.recordKey = event.subject();
        row.eventType = event.type();
        row.payload = event.toJson(mapper);
        row.createdAt = clock.instant();
        row.persist();
    }
}
