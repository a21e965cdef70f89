package io.creditcontrol.limits.credit;

/** The answer to a credit check, from best to worst; the worst any rule gives is the decision. */
public enum Decision {
    APPROVED, APPROVED_WITH_CONDITIONS, REFERRED, BLOCKED;

    public boolean reserves() {
        return this == APPROVED || this == APPROVED_WITH_CONDITIONS;
    }

    public Decision worst(Decision other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
