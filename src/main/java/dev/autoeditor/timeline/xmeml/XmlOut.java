package dev.autoeditor.timeline.xmeml;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * A small pretty-printing XML writer: tab indentation and "\n" line ends as Premiere writes them,
 * escaping for text and attributes, and numbers in a plain form that reads back to the same double.
 * Output depends only on the calls made, so equal models give equal bytes.
 */
final class XmlOut {
    private final Writer out;
    private int depth;

    XmlOut(Writer out) {
        this.out = out;
    }

    void raw(String s) throws IOException {
        out.write(s);
    }

    /** {@code <name a="v" ...>} on its own line; attributes as name/value pairs, null values left out. */
    void open(String name, String... attributes) throws IOException {
        indent();
        out.write('<');
        out.write(name);
        attributes(attributes);
        out.write(">\n");
        depth++;
    }

    void close(String name) throws IOException {
        depth--;
        indent();
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    /** {@code <name a="v"/>}. */
    void empty(String name, String... attributes) throws IOException {
        indent();
        out.write('<');
        out.write(name);
        attributes(attributes);
        out.write("/>\n");
    }

    /** {@code <name>text</name>}; nothing when text is null. */
    void leaf(String name, String text) throws IOException {
        if (text == null) return;
        indent();
        out.write('<');
        out.write(name);
        out.write('>');
        escape(text, false);
        out.write("</");
        out.write(name);
        out.write(">\n");
    }

    void leaf(String name, long value) throws IOException {
        leaf(name, Long.toString(value));
    }

    void leaf(String name, double value) throws IOException {
        leaf(name, number(value));
    }

    void leaf(String name, boolean value) throws IOException {
        leaf(name, value ? "TRUE" : "FALSE");
    }

    /** An element kept verbatim: its attributes, then its text or its children, indented like the rest. */
    void element(dev.autoeditor.timeline.XmlElement e) throws IOException {
        String[] attributes = e.attributes().toArray(new String[0]);
        if (e.children().isEmpty()) {
            indent();
            out.write('<');
            out.write(e.name());
            attributes(attributes);
            if (e.text().isEmpty()) {
                out.write("/>\n");
                return;
            }
            out.write('>');
            escape(e.text(), false);
            out.write("</");
            out.write(e.name());
            out.write(">\n");
            return;
        }
        open(e.name(), attributes);
        if (!e.text().isEmpty()) {
            indent();
            escape(e.text(), false);
            out.write('\n');
        }
        for (dev.autoeditor.timeline.XmlElement c : e.children()) element(c);
        close(e.name());
    }

    /** Integers without a fraction, other values in the shortest plain decimal that parses back exactly. */
    static String number(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("not a finite number: " + v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return BigDecimal.valueOf(v).toPlainString();
    }

    private void attributes(String[] attributes) throws IOException {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            if (attributes[i + 1] == null) continue;
            out.write(' ');
            out.write(attributes[i]);
            out.write("=\"");
            escape(attributes[i + 1], true);
            out.write('"');
        }
    }

    private void indent() throws IOException {
        for (int i = 0; i < depth; i++) out.write('\t');
    }

    /**
     * Escapes markup characters; CR always, and tab and LF inside attributes, become character
     * references so the parser's line-end and attribute normalisation gives back the same string.
     */
    private void escape(String s, boolean attribute) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.write("&amp;");
                case '<' -> out.write("&lt;");
                case '>' -> out.write("&gt;");
                case '"' -> out.write(attribute ? "&quot;" : "\"");
                case '\r' -> out.write("&#13;");
                case '\n' -> out.write(attribute ? "&#10;" : "\n");
                case '\t' -> out.write(attribute ? "&#9;" : "\t");
                default -> {
                    if (c < 0x20) throw new IllegalArgumentException("control character U+" + Integer.toHexString(c)
                            + " cannot be written in XML 1.0");
                    out.write(c);
                }
            }
        }
    }
}
