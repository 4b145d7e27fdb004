package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.util.UserException;

import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a Premiere Pro / Final Cut Pro 7 XML export (xmeml versions 1 to 5) into a {@link Project}:
 * every {@code <sequence>} that is not inside a clip, with its video tracks from V1 up, its audio tracks
 * and the links between clip items. What the reader can read past (a link or file reference naming
 * nothing, an audio clip without timing) becomes one of {@link Project#warnings()}.
 * One streaming StAX pass (Woodstox, DTDs and entities off; see {@link SecureXmlInput}); references by
 * id are resolved after the pass. Thread-safe: one reader can serve parallel conversions.
 *
 * <p>Every failure a user can meet (unreadable file, malformed XML, not xmeml, a refused DOCTYPE or
 * entity, no sequence, no video clip) is a {@link UserException} "FILE:LINE: reason; what to do".
 */
public final class XmemlReader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(XmemlReader.class);
    private final boolean keepFilters;

    /**
     * A reader for editing a sequence (the prompt of {@code generate}): each clip item also keeps its
     * {@code <filter>} elements verbatim ({@link dev.autoeditor.timeline.Clip#keptFilters()}), so that
     * clips written back carry their effects as the editor set them. Reading costs more than the
     * default reader's.
     */
    public static XmemlReader forEditing() {
        return new XmemlReader(Limits.NONE, true);
    }

    /**
     * What a file may ask of the reader: sequences at most {@code maxSequenceHours} of timeline long
     * (a clip ending later fails the file, naming {@code setting} as the way to raise the limit).
     */
    public record Limits(double maxSequenceHours, String setting) {
        /** No limit on sequence length. */
        public static final Limits NONE = new Limits(Double.POSITIVE_INFINITY, "the reader's limit");

        public Limits {
            if (!(maxSequenceHours > 0)) throw new IllegalArgumentException("maxSequenceHours must be positive, got " + maxSequenceHours);
        }

        /** A number without trailing zeros: 24, 0.01, 29.97. */
        static String number(double v) {
            return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        }

        /** "22222.2 hours", "2.0 minutes", "36.0 seconds". */
        static String duration(double seconds) {
            if (seconds >= 3600) return String.format(java.util.Locale.ROOT, "%.1f hours", seconds / 3600);
            if (seconds >= 60) return String.format(java.util.Locale.ROOT, "%.1f minutes", seconds / 60);
            return String.format(java.util.Locale.ROOT, "%.1f seconds", seconds);
        }
    }

    private final Limits limits;

    /** A reader with no limit on sequence length. */
    public XmemlReader() {
        this(Limits.NONE);
    }

    /** A reader for the keyframe table (effects are interpreted, not kept) with these limits. */
    public XmemlReader(Limits limits) {
        this(limits, false);
    }

    private XmemlReader(Limits limits, boolean keepFilters) {
        this.limits = limits;
        this.keepFilters = keepFilters;
    }

    /** Reads a file; the project's name is the file name without {@code .xml}. Warnings are logged. */
    public Project read(Path file) {
        return read(file, w -> log.warn("{}", w));
    }

    /**
     * Reads a file, handing each warning ("FILE:LINE: what was odd; what was done": a value ignored,
     * a clip left out) to {@code warnings}.
     */
    public Project read(Path file, Consumer<String> warnings) {
        String display = file.toString();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in, display, projectName(file), warnings);
        } catch (NoSuchFileException e) {
            throw new UserException(display + ":0: file not found; check the path");
        } catch (IOException e) {
            throw new UserException(display + ":0: cannot read the file (" + e.getMessage() + "); check its permissions", e);
        }
    }

    /**
     * Reads from a stream. {@code displayName} names the input in error messages; {@code projectName}
     * becomes {@link Project#name()}.
     */
    public Project read(InputStream in, String displayName, String projectName) {
        return read(in, displayName, projectName, w -> log.warn("{}", w));
    }

    /** Reads from a stream, handing each warning to {@code warnings} once the whole file has been read. */
    public Project read(InputStream in, String displayName, String projectName, Consumer<String> warnings) {
        XMLStreamReader stax = null;
        try {
            stax = SecureXmlInput.open(in, displayName);
            XmlCursor cursor = new XmlCursor(stax, displayName);
            DocumentParser.Parsed parsed = DocumentParser.parse(cursor, keepFilters);
            drainToEnd(stax);
            List<Sequence> sequences = ModelBuilder.topLevelSequences(parsed, displayName, limits);
            requireVideo(sequences, parsed.rootLine, displayName);
            parsed.warnings.forEach(warnings);
            return new Project(projectName, sequences, parsed.warnings);
        } catch (XMLStreamException e) {
            throw malformed(e, stax, displayName);
        } catch (RuntimeException e) {
            if (e instanceof UserException) throw e;
            // Woodstox reports some well-formedness errors as unchecked wrappers.
            if (e.getCause() instanceof XMLStreamException x) throw malformed(x, stax, displayName);
            throw e;
        } finally {
            if (stax != null) {
                try {
                    stax.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader that already failed has nothing left to report
                }
            }
        }
    }

    /**
     * The file name without a trailing {@code .xml} (any case): the project name of an export. A
     * conversion of several files makes names that collide unique ({@code InputFiles.projectNames}).
     */
    public static String projectName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(java.util.Locale.ROOT).endsWith(".xml") ? name.substring(0, name.length() - 4) : name;
    }

    private static void drainToEnd(XMLStreamReader stax) throws XMLStreamException {
        // Trailing content after the root must still be well-formed; Woodstox checks it as we pass.
        while (stax.hasNext()) stax.next();
    }

    private static void requireVideo(List<Sequence> sequences, int line, String file) {
        if (sequences.isEmpty()) {
            throw new dev.autoeditor.timeline.NoVideoException(file + ":" + line + ": no <sequence> outside a clip (the file holds only clips or"
                    + " bins); export a sequence from Premiere Pro or Final Cut Pro 7 as Final Cut Pro XML");
        }
        for (Sequence s : sequences) {
            for (VideoTrack t : s.tracks()) {
                for (TrackItem item : t.items()) if (item instanceof Clip) return;
            }
        }
        throw new dev.autoeditor.timeline.NoVideoException(file + ":" + line + ": no clip on any video track of its " + sequences.size()
                + " sequence(s) (empty or audio-only); export a sequence that has video");
    }

    private static UserException malformed(XMLStreamException e, XMLStreamReader stax, String file) {
        int line = lineOf(e.getLocation());
        if (line <= 0 && stax != null) line = lineOf(stax.getLocation());
        if (SecureXmlInput.isDepthLimit(e, stax)) {
            return new UserException(file + ":" + Math.max(line, 1) + ": the XML is nested more than " + SecureXmlInput.MAX_ELEMENT_DEPTH
                    + " elements deep here, the reader's limit (real exports nest about 20 deep; each sequence nested in a clip adds 5);"
                    + " it stops there so that a file cannot exhaust memory or the stack; flatten nested sequences in the editor"
                    + " (fewer levels of nesting) and export again", e);
        }
        // Woodstox messages may carry a location suffix or a "Message: " prefix: keep the reason only.
        String message = e.getMessage() == null ? "" : e.getMessage();
        int prefix = message.indexOf("Message: ");
        String reason = firstLine(prefix >= 0 ? message.substring(prefix + 9) : message);
        return new UserException(file + ":" + Math.max(line, 1) + ": malformed XML (" + reason
                + "); the file is damaged or not XML: re-export it", e);
    }

    private static int lineOf(Location at) {
        return at == null ? 0 : at.getLineNumber();
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).trim();
    }
}
