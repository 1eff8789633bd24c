package io.insurebridge.mapping;

/** The national code types the product validates (docs: national-codes.md). */
public enum CodeKind {
    INSTITUTION, PHARMACY, DOCTOR, DRUG, CONSUMABLE, SERVICE_ITEM, DIAGNOSIS, OPERATION, CHRONIC_DISEASE, DIVISION,
    RESIDENT_ID
}
