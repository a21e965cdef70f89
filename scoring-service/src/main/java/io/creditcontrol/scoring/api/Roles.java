package io.creditcontrol.scoring.api;

/**
 * The suite's roles (docs/security.md), as they arrive in the token's groups claim. Reads of the
 * credit file and the score are open to every person's role; writes only to the role that owns the fact.
 */
public final class Roles {

    public static final String ERP = "erp";
    public static final String ANALYST = "analyst";
    public static final String APPROVER = "approver";
    public static final String COLLECTOR = "collector";
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    /** Everyone who may read business data. The ERP reads nothing here: it learns of scores from credit.scores.v1. */
    public static final String[] READERS = {VIEWER, ANALYST, APPROVER, COLLECTOR, ADMIN};

    private Roles() {
    }
}
