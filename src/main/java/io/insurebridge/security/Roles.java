package io.insurebridge.security;

/**
 * The three roles of the HTTP API and console. An engineer can do what an operator can, an operator what an auditor
 * can (role hierarchy in {@link ApiSecurityConfig}).
 */
public final class Roles {

    /** Reads everything: messages, dead letters, statistics, registry, audit trail. Changes nothing. */
    public static final String AUDITOR = "AUDITOR";
    /** Runs the day: re-drives messages, retries dead letters, cancels prescriptions, suspends in the registry. */
    public static final String OPERATOR = "OPERATOR";
    /** Changes how the product is wired: connectors and mapping files. */
    public static final String ENGINEER = "ENGINEER";

    private Roles() {}
}
