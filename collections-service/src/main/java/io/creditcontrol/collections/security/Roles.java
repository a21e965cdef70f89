package io.creditcontrol.collections.security;

/**
 * The suite's roles (docs/security.md). Every endpoint names the roles that may call it
 * ({@code quarkus.security.jaxrs.deny-unannotated-endpoints=true} refuses the others).
 */
public final class Roles {

    /** The ERP: invoices, payments, credit notes, disputes, bulk imports. */
    public static final String ERP = "erp";
    /** Credit analysts and managers: disputes, promises, payment plans, credit insurance. */
    public static final String ANALYST = "analyst";
    /** Approves write-offs. */
    public static final String APPROVER = "approver";
    /** Collectors: worklist, contacts, promises to pay. */
    public static final String COLLECTOR = "collector";
    /** Operations: dunning runs, collector assignment. */
    public static final String ADMIN = "admin";
    /** Read-only. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
