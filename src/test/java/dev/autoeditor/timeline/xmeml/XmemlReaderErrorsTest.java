package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.util.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input fails with one line "FILE:LINE: reason; what to do", never another exception. */
class XmemlReaderErrorsTest {

    private static String failure(String fixture) {
        Path p = Fixtures.path(fixture);
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(p));
        String m = e.getMessage();
        assertTrue(m.startsWith(p + ":"), m);
        assertFalse(m.contains("\n"), "one line: " + m);
        assertTrue(m.contains("; "), "reason and fix: " + m);
        return m;
    }

    @Test
    void malformedXmlNamesTheLine() {
        String m = failure("bad.xml");
        assertTrue(m.contains("bad.xml:14: malformed XML"), m);
    }

    @Test
    void otherXmlIsNotXmeml() {
        String m = failure("not-xmeml.xml");
        assertTrue(m.contains(":2: not an xmeml file (the root element is <FCPXML>"), m);
    }

    @Test
    void audioOnlySequenceHasNoVideo() {
        assertTrue(failure("audio-only.xml").contains("no clip on any video track"));
    }

    @Test
    void clipsWithoutSequence() {
        assertTrue(failure("no-sequence.xml").contains("no <sequence> outside a clip"));
    }

    @Test
    void missingAndEmptyFiles(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.xml");
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(missing));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.xml"), "");
        e = assertThrows(UserException.class, () -> new XmemlReader().read(empty));
        assertTrue(e.getMessage().startsWith(empty + ":"), e.getMessage());
    }

    @Test
    void nonNumericFrameIsReported(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("nan.xml"), """
                <?xml version="1.0"?>
                <xmeml version="4"><sequence><rate><timebase>25</timebase></rate><media><video><track>
                <clipitem><start>zero</start></clipitem></track></video></media></sequence></xmeml>
                """);
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(f));
        assertTrue(e.getMessage().contains("nan.xml:3: expected a number but found 'zero'"), e.getMessage());
    }
}
