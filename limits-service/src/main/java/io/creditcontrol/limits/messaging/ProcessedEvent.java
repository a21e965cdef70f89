package io.creditcontrol.limits.messaging;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An incoming event that has been applied; its presence makes a redelivery a no-op. */
@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_source")
    public String eventSource;
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "processed_at")
    public Instant processedAt;

    public static class Key implements Serializable {
        public String eventSource;
        public String eventId;

        public Key() {
        }

        public Key(String eventSource, String eventId) {
            this.eventSource = eventSource;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(eventSource, k.eventSource) && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(eventSource, eventId);
        }
    }
}
