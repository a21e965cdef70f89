package io.creditcontrol.scoring.messaging;

/** How an event is named as the reason for a re-score in the score history. */
final class Triggers {

    private Triggers() {
    }

    static String of(CloudEvent event) {
        return event.type() + " " + event.id() + " from " + event.source();
    }
}
