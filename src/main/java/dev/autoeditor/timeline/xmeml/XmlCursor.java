package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.XmlElement;
import dev.autoeditor.util.UserException;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A thin layer over a StAX reader for recursive-descent parsing: step to the next child element,
 * read an element's text, skip a subtree. Every entity reference and every DOCTYPE other than the bare
 * one is refused here, and errors become {@link UserException}s of the form "FILE:LINE: reason; fix".
 */
final class XmlCursor {
    private final XMLStreamReader reader;
    private final String fileName;
    private final StringBuilder text = new StringBuilder();

    /** Elements being recorded, innermost last; null when not recording. */
    private java.util.ArrayDeque<Recording> recording;
    private XmlElement recorded;

    XmlCursor(XMLStreamReader reader, String fileName) {
        this.reader = reader;
        this.fileName = fileName;
    }

    /** An element under construction while recording: its name, attributes, own text and children. */
    private static final class Recording {
        final String name;
        final List<String> attributes;
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();

        Recording(String name, List<String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, attributes, trim(text), children);
        }
    }

    /**
     * Starts keeping the element the cursor is on (its start tag just read) while the caller reads it
     * as usual; {@link #recorded()} gives it back once its end tag has been consumed. Used for what the
     * timeline writes back verbatim; off, reading allocates nothing extra.
     */
    void startRecording() {
        if (recording != null) throw new IllegalStateException("already recording");
        recording = new java.util.ArrayDeque<>();
        recorded = null;
        recording.addLast(openRecording());
    }

    /** The element recorded since {@link #startRecording()}; recording stops. */
    XmlElement recorded() {
        if (recorded == null) throw new IllegalStateException("the recorded element has not ended");
        XmlElement e = recorded;
        recorded = null;
        recording = null;
        return e;
    }

    private Recording openRecording() {
        List<String> attributes = new ArrayList<>(reader.getAttributeCount() * 2);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attributes.add(reader.getAttributeLocalName(i));
            attributes.add(reader.getAttributeValue(i));
        }
        return new Recording(reader.getLocalName(), attributes);
    }

    /** The next event, fed to the recording when one is open. */
    private int advance() throws XMLStreamException {
        int event = reader.next();
        if (recording == null || recording.isEmpty()) return event;
        switch (event) {
            case XMLStreamConstants.START_ELEMENT -> recording.addLast(openRecording());
            case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                    recording.peekLast().text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            case XMLStreamConstants.END_ELEMENT -> {
                XmlElement done = recording.removeLast().build();
                if (recording.isEmpty()) recorded = done;
                else recording.peekLast().children.add(done);
            }
            default -> {
                // comments and processing instructions are not content
            }
        }
        return event;
    }

    String fileName() {
        return fileName;
    }

    /** Advances to the document's root element and returns its name. */
    String root() throws XMLStreamException {
        while (reader.hasNext()) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT) return reader.getLocalName();
            check(event);
        }
        throw error("the file is empty or has no root element", "check that it is a complete xmeml export");
    }

    /**
     * Moves to the next child element of the element the cursor is in and returns true, or consumes
     * that element's end tag and returns false. Text, comments and processing instructions are passed.
     */
    boolean nextChild() throws XMLStreamException {
        while (true) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT) return true;
            if (event == XMLStreamConstants.END_ELEMENT) return false;
            check(event);
        }
    }

    /** Name of the element the cursor is on. */
    String name() {
        return reader.getLocalName();
    }

    String attribute(String name) {
        return reader.getAttributeValue(null, name);
    }

    int line() {
        return reader.getLocation().getLineNumber();
    }

    /** The trimmed text of the current element; child elements in it are skipped. Consumes the end tag. */
    String text() throws XMLStreamException {
        text.setLength(0);
        while (true) {
            int event = advance();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.START_ELEMENT -> skip();
                case XMLStreamConstants.END_ELEMENT -> {
                    return trim(text);
                }
                default -> check(event);
            }
        }
    }

    /** Handles one child element met inside mixed content; it must consume the child. */
    @FunctionalInterface
    interface ChildHandler {
        void child(String name) throws XMLStreamException;
    }

    /**
     * The trimmed text directly inside the current element, handing each child element to
     * {@code children} (for values such as {@code <value><horiz>..</horiz><vert>..</vert></value>}).
     */
    String textAndChildren(ChildHandler children) throws XMLStreamException {
        StringBuilder own = new StringBuilder();
        while (true) {
            int event = advance();
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        own.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.START_ELEMENT -> children.child(reader.getLocalName());
                case XMLStreamConstants.END_ELEMENT -> {
                    return trim(own);
                }
                default -> check(event);
            }
        }
    }

    /**
     * Skips the current element and everything in it, consuming its end tag. Event by event rather than
     * Woodstox's skipElement, so that an entity reference is refused wherever it stands (with lazy
     * parsing the skipped text is never materialised; no difference in speed was measurable).
     */
    void skip() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = advance();
            if (event == XMLStreamConstants.START_ELEMENT) depth++;
            else if (event == XMLStreamConstants.END_ELEMENT) depth--;
            else check(event);
        }
    }

    /** Element text as a whole number (xmeml writes frames as integers; a fraction is rounded). */
    long longValue() throws XMLStreamException {
        String s = text();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Math.round(parseDouble(s));
        }
    }

    /**
     * Element text as a whole number for a value the keyframe table does not need (a size, a
     * duration): empty or not a number, it is reported to {@code warnings} and {@code fallback} is
     * returned, since failing the whole file would lose what it does hold.
     */
    long longOrWarn(long fallback, java.util.function.Consumer<String> warnings) throws XMLStreamException {
        String element = name();
        String s = text();
        if (s.isEmpty()) {
            warnings.accept(fileName + ":" + line() + ": empty <" + element + "> ignored (the keyframe table does not use it)");
            return fallback;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double v = Double.parseDouble(s);
                if (Double.isFinite(v)) return Math.round(v);
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        warnings.accept(fileName + ":" + line() + ": <" + element + "> '" + abbreviate(s)
                + "' is not a number; ignored (the keyframe table does not use it)");
        return fallback;
    }

    double doubleValue() throws XMLStreamException {
        return parseDouble(text());
    }

    boolean booleanValue() throws XMLStreamException {
        return "TRUE".equalsIgnoreCase(text());
    }

    /**
     * Parses a number from an element's text just read; an error names the line of its end tag (the
     * location is looked up only on failure: asking for it allocates).
     */
    double parseDouble(String s) {
        try {
            double v = Double.parseDouble(s);
            if (Double.isFinite(v)) return v;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw error("expected a number but found '" + abbreviate(s) + "'",
                "fix the value or re-export the sequence");
    }

    private void check(int event) {
        if (event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw error("entity reference '&" + reader.getLocalName() + ";' refused (no entity is ever expanded"
                    + " and no DTD loaded)", "remove the entity and the DOCTYPE's declarations; real exports have none");
        }
        if (event == XMLStreamConstants.DTD) {
            String refusal = SecureXmlInput.refusalOfDoctype(reader);
            if (refusal != null) {
                throw error(refusal, "use the plain <!DOCTYPE xmeml> that Premiere and Final Cut Pro write");
            }
        }
    }

    UserException error(String reason, String fix) {
        return errorAt(line(), reason, fix);
    }

    UserException errorAt(int line, String reason, String fix) {
        return new UserException(fileName + ":" + line + ": " + reason + "; " + fix);
    }

    private static String trim(StringBuilder sb) {
        int start = 0;
        int end = sb.length();
        while (start < end && sb.charAt(start) <= ' ') start++;
        while (end > start && sb.charAt(end - 1) <= ' ') end--;
        return sb.substring(start, end);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
