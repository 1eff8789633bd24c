package io.insurebridge.console.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** Inline SVG charts for the console (no script, no CDN): a sparkline and a horizontal bar chart. */
public final class Svg {

    private Svg() {}

    public record Bar(String label, double value) {}

    /** A polyline of the values scaled into width x height; flat line when all are zero. */
    public static String sparkline(List<? extends Number> values, int width, int height) {
        double max = values.stream().mapToDouble(Number::doubleValue).max().orElse(0);
        StringBuilder points = new StringBuilder();
        int n = values.size();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : (double) i * width / (n - 1);
            double y = max <= 0 ? height - 1 : height - 1 - values.get(i).doubleValue() / max * (height - 2);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-label=\"messages per minute, max "
                + (long) max + "\"><polyline fill=\"none\" stroke=\"#2a6ebb\" stroke-width=\"1.5\" points=\""
                + points.toString().trim() + "\"/></svg>";
    }

    /** Horizontal bars with their label and value; labels are escaped. */
    public static String bars(List<Bar> bars, int width) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int rowHeight = 22;
        int labelWidth = 170;
        int valueWidth = 90;
        int height = Math.max(rowHeight, bars.size() * rowHeight);
        StringBuilder svg = new StringBuilder("<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double w = max <= 0 ? 0 : b.value() / max * (width - labelWidth - valueWidth);
            int y = i * rowHeight;
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"12\">").append(escape(b.label()))
                    .append("</text>")
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#2a6ebb\"/>",
                            labelWidth, y + 3, w))
                    .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%s</text>",
                            labelWidth + w + 4, y + 15, escape(format(b.value()))));
        }
        return svg.append("</svg>").toString();
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e12 ? String.valueOf((long) v)
                : new BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
