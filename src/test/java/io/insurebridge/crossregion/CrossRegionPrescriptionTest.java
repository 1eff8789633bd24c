package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.circulation.SignedPrescription;
import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.SigningProperties;
import io.insurebridge.inbound.connector.ConnectorLoader;
import io.insurebridge.platform.PlatformJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prescription signed in area 510100 verifies at a pharmacy of area 330100 once 330100's peer file for 510100
 * names the issuer's public key: verification uses the issuer's key (sign_key_id), not the pharmacy's own, and a
 * signer nobody trusts is refused.
 */
class CrossRegionPrescriptionTest {

    @TempDir
    Path dir;

    static ObjectNode prescription() {
        ObjectNode rx = PlatformJson.object();
        rx.put("hi_rxno", "RX5101000001");
        rx.put("hosp_rxno", "H51-1");
        rx.putObject("institution").put("fixmedins_code", "H51010000001");
        rx.putArray("drugs").addObject().put("med_list_codg", "XC08CAA148A001000000001").put("cnt", 2);
        return rx;
    }

    @Test
    void aPrescriptionOfAnotherAreaVerifiesWithItsIssuersKey() throws Exception {
        SigningKeys west = new SigningKeys(new SigningProperties(null, null, null), dir.resolve("west"));
        SigningKeys east = new SigningKeys(new SigningProperties(null, null, null), dir.resolve("east"));
        SigningKeys stranger = new SigningKeys(new SigningProperties(null, null, null), dir.resolve("stranger"));
        String signedInWest = PlatformJson.write(SignedPrescription.sign(prescription(), west));

        // east does not know west's key yet: refused, and its own key is no substitute
        assertThat(SignedPrescription.verify(signedInWest, east).valid()).isFalse();

        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(dir.resolve("west-public.pem"), west.publicKeyPem());
        Files.writeString(connectors.resolve("peer-510100.yaml"), """
                kind: peer-node
                admdvs: "510100"
                broker: tcp://127.0.0.1:61618
                signing-public-key: %s
                """.formatted(dir.resolve("west-public.pem")));
        assertThat(PeerSigningKeys.trust(new ConnectorLoader().load(connectors), east)).containsExactly(west.keyId());

        SignedPrescription.Verification ok = SignedPrescription.verify(signedInWest, east);
        assertThat(ok.valid()).as(ok.reason()).isTrue();
        assertThat(ok.hiRxno()).isEqualTo("RX5101000001");
        // altered on the way: the issuer's key does not verify it
        ObjectNode altered = SignedPrescription.sign(prescription(), west);
        ((ObjectNode) altered.get("rx")).put("hosp_rxno", "H51-2");
        assertThat(SignedPrescription.verify(PlatformJson.write(altered), east).valid()).isFalse();
        // signed by someone east's peers do not vouch for
        assertThat(SignedPrescription.verify(PlatformJson.write(SignedPrescription.sign(prescription(), stranger)),
                east).valid()).isFalse();
    }
}
