package io.insurebridge.platform;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.model.Operator;
import io.insurebridge.platform.msgid.MsgIdSource;

/**
 * Wraps a transaction input into the national request envelope. The care place (mdtrtarea_admvs) is the
 * institution's division from the mappings; the insured place (insuplc_admdvs) is what 1101 said about the person,
 * and for transactions made before the person is known it equals the care place.
 */
public class EnvelopeFactory {

    /** Transactions sent before (or without) a person: insuplc_admdvs = mdtrtarea_admvs. */
    public static final Set<String> CARE_PLACE_ONLY = Set.of("9001", "9002", "1101", "3301", "3302");

    private static final Pattern DIVISION = Pattern.compile("\\d{6}");

    private final MappingSource mappings;
    private final MsgIdSource msgIds;
    private final PlatformProperties properties;
    private final Clock clock;

    public EnvelopeFactory(MappingSource mappings, MsgIdSource msgIds, PlatformProperties properties, Clock clock) {
        this.mappings = mappings;
        this.msgIds = msgIds;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param insuplcAdmdvs the person's insured place from the 1101 answer; ignored for {@link #CARE_PLACE_ONLY}
     * @param operator      who operated the HIS transaction (null = the system itself)
     */
    public PlatformRequest build(String infno, String institutionCode, String insuplcAdmdvs, Operator operator,
                                 ObjectNode input) {
        Institution institution = mappings.current().institution(institutionCode)
                .orElseThrow(() -> new IllegalArgumentException("institution not in the mappings: " + institutionCode));
        String careArea = institution.admdvs();
        String insuredArea = CARE_PLACE_ONLY.contains(infno) ? careArea : insuplcAdmdvs;
        if (insuredArea == null || !DIVISION.matcher(insuredArea).matches()) {
            throw new IllegalArgumentException(infno + " needs the insured place (6-digit insuplc_admdvs from 1101), got "
                    + insuredArea);
        }
        Operator who = operator == null ? Operator.system() : operator;
        return new PlatformRequest(
                infno,
                msgIds.next(institutionCode),
                careArea,
                insuredArea,
                properties.recerSysCode(),
                null, null, null, null,          // dev_no, dev_safe_info, cainfo, signtype: a province profile's job
                properties.infver(),
                who.type() == null || who.type().isBlank() ? "1" : who.type(),
                who.id(),
                who.name(),
                PlatformFormats.DATE_TIME.format(LocalDateTime.now(clock.withZone(properties.zone()))),
                institution.code(),
                institution.name(),
                properties.signNos().get(institutionCode),
                input);
    }
}
