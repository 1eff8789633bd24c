package io.insurebridge.inbound.fhir;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * insurebridge.fhir.*: the FHIR front door.
 *
 * @param enabled            serve /fhir at all
 * @param path               servlet mapping of the FHIR server
 * @param connector          connector name the requests are stored under
 * @param maxBundleEntries   a message Bundle with more entries is refused (413)
 * @param warmUp             load the validator's R4 packages at start-up (traps.md), not on the first request
 */
@ConfigurationProperties(prefix = "insurebridge.fhir")
public record FhirProperties(Boolean enabled, String path, String connector, Integer maxBundleEntries,
                             Boolean warmUp) {

    public FhirProperties {
        enabled = enabled == null || enabled;
        path = path == null ? "/fhir/*" : path;
        connector = connector == null ? "fhir" : connector;
        maxBundleEntries = maxBundleEntries == null ? 100 : maxBundleEntries;
        warmUp = warmUp == null || warmUp;
    }
}
