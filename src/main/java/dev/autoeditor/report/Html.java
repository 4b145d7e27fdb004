package dev.autoeditor.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Small helpers that write escaped HTML into a builder; the page has no script and loads nothing. */
final class Html {
    private final StringBuilder sb = new StringBuilder();

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    Html raw(String html) {
        sb.append(html);
        return this;
    }

    Html heading(int level, String text) {
        sb.append("<h").append(level).append('>').append(esc(text)).append("</h").append(level).append(">\n");
        return this;
    }

    Html p(String text) {
        sb.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    Html note(String text) {
        sb.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
        return this;
    }

    /** A problem with an input file, shown where the content would have been. */
    Html problem(String text) {
        sb.append("<p class=\"problem\"><strong>Problem:</strong> ").append(esc(text)).append("</p>\n");
        return this;
    }

    Html problems(List<String> texts) {
        for (String t : texts) problem(t);
        return this;
    }

    /** A table; cells are escaped text unless they start with {@link #RAW}. */
    Html table(List<String> header, List<List<String>> rows) {
        sb.append("<table>\n<thead><tr>");
        for (String h : header) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i);
                boolean num = i > 0 && looksNumeric(c);
                sb.append(num ? "<td class=\"n\">" : "<td>");
                sb.append(c != null && c.startsWith(RAW) ? c.substring(RAW.length()) : esc(c));
                sb.append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>\n");
        return this;
    }

    /** Marks a table cell as HTML already escaped by the caller. */
    static final String RAW = "\u0000raw:";

    static String cell(String html) {
        return RAW + html;
    }

    /** An image embedded as a data URI, so the page is one self-contained file. */
    Html image(ChartImage img) {
        sb.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(img.png()))
                .append("\" width=\"").append(img.width()).append("\" height=\"").append(img.height())
                .append("\" alt=\"").append(esc(img.description())).append("\"></figure>\n");
        return this;
    }

    Html grid(List<ChartImage> images) {
        sb.append("<div class=\"grid\">\n");
        for (ChartImage i : images) image(i);
        sb.append("</div>\n");
        return this;
    }

    Html details(String summary, String innerHtml) {
        sb.append("<details><summary>").append(esc(summary)).append("</summary>\n").append(innerHtml).append("</details>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%d", (long) v);
        double a = Math.abs(v);
        if (a < 1e-3 || a >= 1e6) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static boolean looksNumeric(String c) {
        return c != null && !c.isEmpty() && c.matches("[-+]?[0-9.,]+(e[-+]?[0-9]+)?( ?[%s])?|n/a|inf|-inf");
    }
}
