package dev.autoeditor.timeline.xmeml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.util.UserException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No external DTD or entity is loaded and no entity is expanded; the bare DOCTYPE is accepted. */
class XmemlSecurityTest {
    private static final String SECRET = "s3cr3t-7f1d2a9c-never-read";

    @Test
    void externalEntityPointingAtAFileIsRefusedAndNothingIsRead(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        for (String use : new String[] {"<name>&xxe;</name>", "<name>x</name>"}) {
            Path xxe = Files.writeString(dir.resolve("xxe.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE xmeml [
                      <!ENTITY xxe SYSTEM "%s">
                    ]>
                    <xmeml version="4"><sequence id="s"><rate><timebase>25</timebase></rate>%s
                    <media><video><track><clipitem><start>0</start><end>1</end><in>0</in><out>1</out>
                    <file id="f"><name>&xxe;</name><pathurl>&xxe;</pathurl></file></clipitem></track></video></media>
                    </sequence></xmeml>
                    """.formatted(secret.toUri(), use));
            UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(xxe));
            int line = use.contains("xxe") ? 5 : 7;
            assertTrue(e.getMessage().startsWith(xxe + ":" + line + ": entity reference '&xxe;' refused"), e.getMessage());
            assertFalse(everything(e).contains(SECRET), "the secret must appear nowhere");
        }
    }

    @Test
    void parameterEntitiesAndExternalDtdAreRefused(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.dtd"), "<!ENTITY leak \"" + SECRET + "\">");
        Path param = Files.writeString(dir.resolve("param.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE xmeml [ <!ENTITY %% ext SYSTEM "%s"> %%ext; ]>
                <xmeml version="4"><sequence><name>&leak;</name></sequence></xmeml>
                """.formatted(secret.toUri()));
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(param));
        assertFalse(everything(e).contains(SECRET));
        Path external = Files.writeString(dir.resolve("external.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE xmeml SYSTEM "%s">
                <xmeml version="4"><sequence><name>&leak;</name></sequence></xmeml>
                """.formatted(secret.toUri()));
        e = assertThrows(UserException.class, () -> new XmemlReader().read(external));
        assertTrue(e.getMessage().contains("external DTD"), e.getMessage());
        assertFalse(everything(e).contains(SECRET));
    }

    @Test
    void fixturesFailCleanly() {
        assertFailsAt("xxe.xml", 7, "entity reference '&secret;' refused");
        assertFailsAt("billion-laughs.xml", 16, "entity reference '&lol9;' refused");
        assertFailsAt("external-dtd.xml", 2, "the DOCTYPE names an external DTD");
    }

    private static void assertFailsAt(String fixture, int line, String reason) {
        Path p = Fixtures.path(fixture);
        UserException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(UserException.class, () -> new XmemlReader().read(p)));
        assertTrue(e.getMessage().startsWith(p + ":" + line + ": " + reason), e.getMessage());
    }

    @Test
    void entityInSkippedMetadataIsRefusedToo(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        Path f = Files.writeString(dir.resolve("skipped.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE xmeml [ <!ENTITY xxe SYSTEM "%s"> ]>
                <xmeml version="4"><sequence id="s"><rate><timebase>25</timebase></rate>
                <logginginfo><scene>&xxe;</scene></logginginfo>
                <media><video><track><clipitem><start>0</start><end>1</end><in>0</in><out>1</out>
                <file id="f"><name>n</name></file></clipitem></track></video></media></sequence></xmeml>
                """.formatted(secret.toUri()));
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(f));
        assertTrue(e.getMessage().startsWith(f + ":4: entity reference '&xxe;' refused"), e.getMessage());
        assertFalse(everything(e).contains(SECRET));
    }

    @Test
    void undeclaredEntityWithoutDoctypeIsRefused(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("undeclared.xml"),
                "<?xml version=\"1.0\"?>\n<xmeml version=\"4\">\n<sequence><name>&custom;</name></sequence></xmeml>\n");
        UserException e = assertThrows(UserException.class, () -> new XmemlReader().read(f));
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
    }

    @Test
    void factoryHasDtdsEntitiesAndResolutionSwitchedOff() throws Exception {
        XMLInputFactory f = SecureXmlInput.factory();
        assertInstanceOf(WstxInputFactory.class, f);
        assertEquals(false, f.getProperty(XMLInputFactory.SUPPORT_DTD));
        assertEquals(false, f.getProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES));
        assertEquals(false, f.getProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES));
        assertEquals(false, f.getProperty(XMLInputFactory.IS_VALIDATING));
        XMLResolver resolver = f.getXMLResolver();
        assertThrows(XMLStreamException.class, () -> resolver.resolveEntity(null, "file:///etc/passwd", null, null));
        assertNotNull(f.getProperty(WstxInputProperties.P_ENTITY_RESOLVER));
        assertNotNull(f.getProperty(WstxInputProperties.P_DTD_RESOLVER));
    }

    @Test
    void bareDoctypeAndPredefinedEntitiesAreAccepted() {
        Project p = Fixtures.read("generator.xml");
        assertEquals("Generators", p.sequences().get(0).name());
    }

    private static String everything(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
