package io.creditcontrol.alerts.alert;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Stands where webhook delivery observes the alerts: records every AlertPublished the service fires. */
@Singleton
public class RecordedAlertEvents {

    private final List<AlertPublished> seen = new CopyOnWriteArrayList<>();

    void onAlert(@Observes AlertPublished published) {
        seen.add(published);
    }

    public List<AlertPublished> of(String buyerId) {
        return seen.stream().filter(p -> buyerId.equals(p.event().subject())).toList();
    }
}
