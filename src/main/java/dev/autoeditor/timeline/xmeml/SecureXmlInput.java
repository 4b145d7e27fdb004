package dev.autoeditor.timeline.xmeml;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import org.codehaus.stax2.DTDInfo;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;

/**
 * The one StAX factory xmeml is read with: Woodstox with DTD processing, external entities and entity
 * replacement switched off, a resolver that refuses every lookup, and tight entity limits as a second
 * line of defence. A document type declaration naming an external DTD is refused outright. With DTD
 * support off Woodstox skips an internal subset unread, so entities declared there stay undeclared:
 * any reference to one reaches the reader as an entity-reference event, which {@link XmlCursor}
 * refuses (that is where an XXE or billion-laughs file fails, at the line of its first reference).
 * The bare {@code <!DOCTYPE xmeml>} of real exports passes.
 */
public final class SecureXmlInput {
    /** Configured once; Woodstox factories are thread-safe once configured. */
    private static final XMLInputFactory FACTORY = create();
    /** Deepest element nesting read (Woodstox's own default, set here so the error can name it). */
    public static final int MAX_ELEMENT_DEPTH = 1000;

    private SecureXmlInput() {}

    private static XMLInputFactory create() {
        WstxInputFactory f = new WstxInputFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_VALIDATING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        XMLResolver refuse = (publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        };
        f.setXMLResolver(refuse);
        f.setProperty(WstxInputProperties.P_DTD_RESOLVER, refuse);
        f.setProperty(WstxInputProperties.P_ENTITY_RESOLVER, refuse);
        f.setProperty(WstxInputProperties.P_UNDECLARED_ENTITY_RESOLVER, refuse);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        f.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        f.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, MAX_ELEMENT_DEPTH);
        return f;
    }

    /** The shared factory, for tests that check its settings. */
    static XMLInputFactory factory() {
        return FACTORY;
    }

    /** A stream reader on the shared factory (the benchmark's bare parse uses it, so it parses as the reader does). */
    public static XMLStreamReader open(InputStream in, String systemId) throws XMLStreamException {
        return FACTORY.createXMLStreamReader(systemId, in);
    }

    /** True when reading stopped at {@link #MAX_ELEMENT_DEPTH}, not at a syntax error. */
    static boolean isDepthLimit(XMLStreamException e, XMLStreamReader r) {
        if (r instanceof org.codehaus.stax2.XMLStreamReader2 r2 && r2.getDepth() >= MAX_ELEMENT_DEPTH) return true;
        String m = e.getMessage();
        return m != null && m.contains("Element Depth");
    }

    /** Null when the DOCTYPE at the reader's current DTD event names no external DTD, else why it is refused. */
    static String refusalOfDoctype(XMLStreamReader r) {
        if (r instanceof DTDInfo info && (info.getDTDSystemId() != null || info.getDTDPublicId() != null)) {
            return "the DOCTYPE names an external DTD, which is never loaded";
        }
        return null;
    }
}
