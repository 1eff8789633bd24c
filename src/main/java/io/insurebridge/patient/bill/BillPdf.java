package io.insurebridge.patient.bill;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Renders a bill as an A4 PDF with PDFBox, embedding (as a subset) the configured CJK font so Chinese prints on
 * any reader; text stays extractable (ToUnicode). Without the font it refuses with a message naming the setting
 * and the package, instead of printing empty boxes.
 */
public class BillPdf {
    private static final float MARGIN = 50;
    private static final float LINE = 16;

    private final Path fontPath;

    public BillPdf(Path fontPath) {
        this.fontPath = fontPath;
    }

    /** Whether the font file is there (the JSON form of a bill works either way). */
    public boolean fontAvailable() {
        return Files.isReadable(fontPath);
    }

    public Path fontPath() {
        return fontPath;
    }

    public byte[] render(JsonNode bill) {
        if (!fontAvailable()) {
            throw new FontMissingException("CJK font not found at " + fontPath + ": install the Debian package "
                    + "fonts-wqy-zenhei (or any .ttf/.ttc with Chinese glyphs) and set insurebridge.patient.bill."
                    + "font-path; the bill is still available as JSON");
        }
        List<String> lines = lines(bill);
        try (PDDocument doc = new PDDocument(); TrueTypeCollection collection = collection()) {
            PDType0Font font = collection != null
                    ? PDType0Font.load(doc, firstFont(collection), true)
                    : PDType0Font.load(doc, fontPath.toFile());
            PDPage page = null;
            PDPageContentStream out = null;
            float y = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (out == null || y < MARGIN) {
                    if (out != null) {
                        out.endText();
                        out.close();
                    }
                    page = new PDPage(PDRectangle.A4);
                    doc.addPage(page);
                    out = new PDPageContentStream(doc, page);
                    y = page.getMediaBox().getHeight() - MARGIN;
                    out.beginText();
                    out.newLineAtOffset(MARGIN, y);
                }
                out.setFont(font, i == 0 ? 16 : 10.5f);
                out.showText(lines.get(i));
                out.newLineAtOffset(0, -LINE);
                y -= LINE;
            }
            if (out != null) {
                out.endText();
                out.close();
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render bill " + bill.path("bill_no").asText() + " with font "
                    + fontPath, e);
        }
    }

    private TrueTypeCollection collection() throws IOException {
        return fontPath.toString().toLowerCase().endsWith(".ttc") ? new TrueTypeCollection(fontPath.toFile()) : null;
    }

    private static TrueTypeFont firstFont(TrueTypeCollection collection) throws IOException {
        AtomicReference<TrueTypeFont> first = new AtomicReference<>();
        collection.processAllFonts(f -> first.compareAndSet(null, f));
        if (first.get() == null) {
            throw new IOException("empty font collection");
        }
        return first.get();
    }

    /** The printed lines: title, numbers, institution, person, items by charge type, funds, verification. */
    static List<String> lines(JsonNode b) {
        List<String> l = new ArrayList<>();
        l.add(b.path("title").asText());
        boolean red = "RED".equals(b.path("kind").asText());
        if (red) {
            l.add("红字票据，冲销原票据 " + b.path("original_bill_no").asText());
        } else if ("VOIDED".equals(b.path("status").asText())) {
            l.add("已作废（红字票据 " + b.path("voided_by").asText() + "）");
        }
        l.add("票据号码 Bill No.: " + b.path("bill_no").asText());
        l.add("校验码 Verification code: " + b.path("verification_code").asText());
        l.add("结算编号 setl_id: " + b.path("setl_id").asText() + "    就诊编号 mdtrt_id: " + b.path("mdtrt_id").asText());
        l.add("结算时间: " + b.path("setl_time").asText());
        JsonNode inst = b.path("institution");
        l.add("医疗机构: " + inst.path("name").asText() + " (" + inst.path("code").asText() + ")");
        JsonNode p = b.path("person");
        l.add("参保人: " + p.path("name").asText() + "  证件号: " + p.path("certno").asText() + "  人员编号: "
                + p.path("psn_no").asText() + "  险种: " + p.path("insutype").asText());
        l.add("");
        l.add("收费项目");
        for (JsonNode group : b.path("items")) {
            l.add(group.path("name").asText() + " (" + group.path("med_chrgitm_type").asText() + ")    "
                    + group.path("amount").asText());
            for (JsonNode line : group.path("lines")) {
                l.add("    " + line.path("name").asText() + "  " + line.path("cnt").asText() + " x "
                        + line.path("pric").asText() + " = " + line.path("amount").asText());
            }
        }
        l.add("");
        l.add("医疗费总额: " + b.path("medfee_sumamt").asText());
        for (JsonNode fund : b.path("funds")) {
            l.add(fund.path("name").asText() + ": " + fund.path("amount").asText());
        }
        l.add("基金支付合计: " + b.path("fund_pay_sumamt").asText() + "    个人负担: " + b.path("psn_part_amt").asText());
        l.add("开具时间: " + b.path("issued_at").asText());
        return l;
    }

    /** The configured CJK font is not there. */
    public static class FontMissingException extends RuntimeException {
        public FontMissingException(String message) {
            super(message);
        }
    }
}
