package io.creditcontrol.alerts.api;

/**
 * The suite's roles (docs/security.md), as they arrive in the token's groups claim. Alerts and
 * receivables are read by every person's role; acknowledging and resolving alerts is the work of
 * analysts and collectors.
 */
public final class Roles {

    public static final String ERP = "erp";
    public static final String ANALYST = "analyst";
    public static final String APPROVER = "approver";
    public static final String COLLECTOR = "collector";
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    /** Everyone who may read business data. The ERP reads nothing here. */
    public static final String[] READERS = {VIEWER, ANALYST, APPROVER, COLLECTOR, ADMIN};

    private Roles() {
    }
}
