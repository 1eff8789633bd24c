package io.insurebridge.model;

/** Who operated the HIS transaction (envelope opter_type / opter / opter_name). */
public record Operator(String type, String id, String name) {
    public static Operator system() { return new Operator("1", "SYSTEM", "system"); }
}
