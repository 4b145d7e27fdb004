package dev.autoeditor.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * An XML element kept as it was read, for what the timeline carries without interpreting it (a
 * clip's filters when a prompt is read for editing, so that they are written back verbatim).
 * {@code attributes} holds name/value pairs in document order; {@code text} is the element's own text,
 * trimmed ("" when none); {@code children} its child elements in order. Whitespace between child
 * elements is layout, not content, and is not kept.
 */
public record XmlElement(String name, List<String> attributes, String text, List<XmlElement> children) {
    public XmlElement {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("an element needs a name");
        if (attributes.size() % 2 != 0) throw new IllegalArgumentException("attributes come as name/value pairs");
        attributes = List.copyOf(attributes);
        text = text == null ? "" : text;
        children = List.copyOf(children);
    }

    /** The first child named {@code childName}, or null. */
    public XmlElement child(String childName) {
        for (XmlElement c : children) if (c.name.equals(childName)) return c;
        return null;
    }

    /** Every element of this subtree named {@code elementName}, depth first, this one included. */
    public List<XmlElement> descendants(String elementName) {
        List<XmlElement> out = new ArrayList<>();
        collect(elementName, out);
        return out;
    }

    private void collect(String elementName, List<XmlElement> out) {
        if (name.equals(elementName)) out.add(this);
        for (XmlElement c : children) c.collect(elementName, out);
    }
}
