package io.insurebridge.patient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.patient.bill.BillPdf;
import io.insurebridge.patient.bill.BillProperties;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The bill's PDF without the application: a missing font is a clear error; with the font, Chinese round-trips. */
class BillPdfTest {

    static ObjectNode bill() {
        ObjectNode b = new ObjectMapper().createObjectNode();
        b.put("title", "医疗保险结算电子票据").put("kind", "BLUE").put("status", "ISSUED").put("bill_no", "EBS330100X1")
                .put("verification_code", "0A1B2C3D4E").put("setl_id", "S330100X1").put("medfee_sumamt", "87.00");
        b.putObject("institution").put("code", "H33010000001").put("name", "东城第一人民医院");
        b.putObject("person").put("name", "王*");
        ObjectNode group = b.putArray("items").addObject().put("med_chrgitm_type", "09").put("name", "西药费")
                .put("amount", "57.00");
        group.putArray("lines").addObject().put("name", "苯磺酸氨氯地平片").put("cnt", "2").put("pric", "28.50")
                .put("amount", "57.00");
        b.putObject("funds").putObject("hifp_pay").put("name", "统筹基金支付").put("amount", "60.90");
        return b;
    }

    @Test
    void aMissingFontIsRefusedWithTheSettingAndThePackageToInstall() {
        BillPdf pdf = new BillPdf(Path.of("/nonexistent/font.ttc"));
        assertThat(pdf.fontAvailable()).isFalse();
        assertThatThrownBy(() -> pdf.render(bill())).isInstanceOf(BillPdf.FontMissingException.class)
                .hasMessageContaining("/nonexistent/font.ttc").hasMessageContaining("fonts-wqy-zenhei")
                .hasMessageContaining("insurebridge.patient.bill.font-path");
    }

    @Test
    void chineseTextIsEmbeddedAndExtractable() throws Exception {
        Path font = Path.of(BillProperties.DEFAULT_FONT);
        assumeThat(Files.isReadable(font)).as("fonts-wqy-zenhei installed").isTrue();
        byte[] bytes = new BillPdf(font).render(bill());
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("医疗保险结算电子票据").contains("东城第一人民医院").contains("苯磺酸氨氯地平片")
                    .contains("西药费").contains("统筹基金支付: 60.90").contains("EBS330100X1").contains("王*");
        }
    }
}
