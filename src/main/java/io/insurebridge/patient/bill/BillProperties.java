package io.insurebridge.patient.bill;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * insurebridge.patient.bill.*
 *
 * @param fontPath           a TrueType font (.ttf) or collection (.ttc) with CJK glyphs, embedded into every PDF
 *                           (default: Debian fonts-wqy-zenhei, /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc)
 * @param verificationSecret key of the bills' verification codes (HMAC); empty: a random one kept in the data dir
 */
@ConfigurationProperties(prefix = "insurebridge.patient.bill")
public record BillProperties(String fontPath, String verificationSecret) {
    public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    public BillProperties {
        fontPath = fontPath == null || fontPath.isBlank() ? DEFAULT_FONT : fontPath;
    }
}
