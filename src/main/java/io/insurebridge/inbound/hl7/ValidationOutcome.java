package io.insurebridge.inbound.hl7;

import java.util.List;

/** What the front door decided about a message before storing it as accepted or rejected. */
public record ValidationOutcome(AckCode code, List<Hl7Error> errors) {

    public static final ValidationOutcome ACCEPTED = new ValidationOutcome(AckCode.AA, List.of());

    public boolean accepted() { return code == AckCode.AA; }

    public String reason() {
        return String.join("; ", errors.stream().map(Hl7Error::toString).toList());
    }
}
