package io.creditcontrol.limits.security;

/**
 * The roles of the suite (docs/security.md), as the token's groups claim names them. Every
 * endpoint names the roles that may call it; reads of business data are open to {@link #READERS}.
 */
public final class Roles {

    /** ERP systems: credit checks, what-if checks, confirming and releasing their reservations. */
    public static final String ERP = "erp";
    /** Credit analysts: limit requests, decision cases, insurance cover. */
    public static final String ANALYST = "analyst";
    /** Approve or reject limit requests; never their own. */
    public static final String APPROVER = "approver";
    public static final String COLLECTOR = "collector";
    /** Credit policy, FX rates. */
    public static final String ADMIN = "admin";
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
