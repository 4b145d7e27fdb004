package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;

import javax.xml.stream.XMLStreamException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a clip's {@code <filter>} (or a generator item's {@code <effect>}) and applies what it means
 * to the clip draft: Basic Motion and Crop become {@link Motion} and {@link Crop}; rotation, opacity
 * and time remapping only mark the clip as carrying something the keyframe table leaves out.
 * A filter with {@code <enabled>FALSE</enabled>} or Premiere's {@code <pproBypass>true} has no effect.
 */
final class EffectReader {
    private EffectReader() {}

    /** One {@code <parameter>} as written: a plain value (scalar or 2-D) and keyframes. */
    static final class ParamDraft {
        String id;
        double value = Double.NaN;
        double horiz = Double.NaN;
        double vert = Double.NaN;
        String text;
        final List<KeyDraft> keys = new ArrayList<>();
    }

    static final class KeyDraft {
        double when;
        double value = Double.NaN;
        double horiz = Double.NaN;
        double vert = Double.NaN;
        double[] inBez;
        double[] outBez;
    }

    /** An {@code <effect>} as written. */
    static final class EffectDraft {
        String id;
        String name;
        String type;
        boolean bypassed;
        final List<ParamDraft> params = new ArrayList<>();

        ParamDraft param(String parameterId) {
            for (ParamDraft p : params) if (parameterId.equalsIgnoreCase(p.id)) return p;
            return null;
        }
    }

    /** Reads a {@code <filter>} (cursor on its start tag) and applies it to the clip. */
    static void readFilter(XmlCursor c, Drafts.ClipDraft clip) throws XMLStreamException {
        boolean enabled = true;
        List<EffectDraft> effects = new ArrayList<>(1);
        while (c.nextChild()) {
            switch (c.name()) {
                case "enabled" -> enabled = c.booleanValue();
                case "effect" -> effects.add(readEffect(c));
                default -> c.skip();
            }
        }
        if (!enabled) return;
        for (EffectDraft e : effects) if (!e.bypassed) apply(e, clip);
    }

    /** Reads an {@code <effect>} (cursor on its start tag). */
    static EffectDraft readEffect(XmlCursor c) throws XMLStreamException {
        EffectDraft e = new EffectDraft();
        while (c.nextChild()) {
            switch (c.name()) {
                case "effectid" -> e.id = c.text();
                case "name" -> e.name = c.text();
                case "effecttype" -> e.type = c.text();
                case "pproBypass" -> e.bypassed = c.booleanValue();
                case "parameter" -> e.params.add(readParameter(c));
                default -> c.skip();
            }
        }
        return e;
    }

    private static ParamDraft readParameter(XmlCursor c) throws XMLStreamException {
        ParamDraft p = new ParamDraft();
        while (c.nextChild()) {
            switch (c.name()) {
                case "parameterid" -> p.id = c.text();
                case "value" -> {
                    Value v = readValue(c);
                    p.horiz = v.horiz();
                    p.vert = v.vert();
                    p.text = v.text();
                    if (!Double.isNaN(v.number())) p.value = v.number();
                }
                case "keyframe" -> p.keys.add(readKeyframe(c));
                default -> c.skip();
            }
        }
        return p;
    }

    private static KeyDraft readKeyframe(XmlCursor c) throws XMLStreamException {
        KeyDraft k = new KeyDraft();
        while (c.nextChild()) {
            switch (c.name()) {
                case "when" -> k.when = c.doubleValue();
                case "value" -> {
                    Value v = readValue(c);
                    k.horiz = v.horiz();
                    k.vert = v.vert();
                    if (!Double.isNaN(v.number())) k.value = v.number();
                }
                case "inbez" -> k.inBez = readPair(c);
                case "outbez" -> k.outBez = readPair(c);
                default -> c.skip();
            }
        }
        return k;
    }

    /**
     * A {@code <value>}: its own text, the number it holds (NaN when it holds text or nothing), and
     * the {@code <horiz>}/{@code <vert>} of a 2-D value (NaN when absent).
     */
    private record Value(String text, double number, double horiz, double vert) {}

    private static Value readValue(XmlCursor c) throws XMLStreamException {
        double[] hv = {Double.NaN, Double.NaN};
        String own = c.textAndChildren(child -> point(c, child, hv));
        double number = !own.isEmpty() && looksNumeric(own) ? c.parseDouble(own) : Double.NaN;
        return new Value(own, number, hv[0], hv[1]);
    }

    private static double[] readPair(XmlCursor c) throws XMLStreamException {
        double[] hv = {Double.NaN, Double.NaN};
        while (c.nextChild()) point(c, c.name(), hv);
        return Double.isNaN(hv[0]) || Double.isNaN(hv[1]) ? null : hv;
    }

    private static void point(XmlCursor c, String child, double[] hv) throws XMLStreamException {
        switch (child) {
            case "horiz" -> hv[0] = c.doubleValue();
            case "vert" -> hv[1] = c.doubleValue();
            default -> c.skip();
        }
    }

    /**
     * True when the whole text is a decimal number. Parameters also hold text (titles, colour lists,
     * Premiere's comma-separated keyframe states), which is not an error but simply not a number.
     */
    static boolean looksNumeric(String s) {
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch >= '0' && ch <= '9') digit = true;
            else if (ch != '-' && ch != '+' && ch != '.' && ch != 'e' && ch != 'E') return false;
        }
        return digit;
    }

    private static void apply(EffectDraft e, Drafts.ClipDraft clip) {
        if (e.id == null) return;
        switch (e.id.toLowerCase(java.util.Locale.ROOT)) {
            case "basic" -> applyMotion(e, clip);
            case "crop" -> applyCrop(e, clip);
            case "opacity" -> {
                ParamDraft p = e.param("opacity");
                if (p != null && (!p.keys.isEmpty() || (!Double.isNaN(p.value) && p.value != 100))) {
                    clip.unsupported.add(Clip.Unsupported.OPACITY);
                }
            }
            case "timeremap" -> applyTimeRemap(e, clip);
            default -> {
                if ("generator".equalsIgnoreCase(e.type) && clip.generatorId == null) {
                    clip.generatorId = e.id;
                    clip.generatorName = e.name;
                }
            }
        }
    }

    private static void applyMotion(EffectDraft e, Drafts.ClipDraft clip) {
        if (clip.motionSeen) return;
        clip.motionSeen = true;
        Param scale = scalar(e.param("scale"), 100);
        ParamDraft center = e.param("center");
        Param x = Param.constant(0);
        Param y = Param.constant(0);
        if (center != null) {
            x = axis(center, true);
            y = axis(center, false);
        }
        clip.motion = new Motion(scale, x, y);
        ParamDraft rotation = e.param("rotation");
        if (rotation != null && (!rotation.keys.isEmpty() || (!Double.isNaN(rotation.value) && rotation.value != 0))) {
            clip.unsupported.add(Clip.Unsupported.ROTATION);
        }
    }

    private static void applyCrop(EffectDraft e, Drafts.ClipDraft clip) {
        if (clip.cropSeen) return;
        clip.cropSeen = true;
        clip.crop = new Crop(scalar(e.param("left"), 0), scalar(e.param("right"), 0),
                scalar(e.param("top"), 0), scalar(e.param("bottom"), 0));
    }

    private static void applyTimeRemap(EffectDraft e, Drafts.ClipDraft clip) {
        ParamDraft speed = e.param("speed");
        ParamDraft variable = e.param("variablespeed");
        ParamDraft reverse = e.param("reverse");
        if (speed != null && !Double.isNaN(speed.value) && speed.value != 100) {
            clip.unsupported.add(speed.value < 0 ? Clip.Unsupported.REVERSED : Clip.Unsupported.SPEED);
            if (speed.value < 0 && speed.value != -100) clip.unsupported.add(Clip.Unsupported.SPEED);
        }
        boolean variableOn = variable != null && (variable.value == 1 || "TRUE".equalsIgnoreCase(variable.text));
        if (variableOn || (speed != null && !speed.keys.isEmpty())) clip.unsupported.add(Clip.Unsupported.TIME_REMAP);
        if (reverse != null && "TRUE".equalsIgnoreCase(reverse.text)) clip.unsupported.add(Clip.Unsupported.REVERSED);
    }

    /** A scalar parameter; its plain value is kept beside keyframes, which override it. */
    private static Param scalar(ParamDraft p, double fallback) {
        if (p == null) return Param.constant(fallback);
        double plain = Double.isNaN(p.value) ? fallback : p.value;
        List<Keyframe> keys = new ArrayList<>(p.keys.size());
        for (KeyDraft k : p.keys) {
            if (Double.isNaN(k.value)) continue;
            Keyframe.Handle in = k.inBez == null ? null : FcpBezier.fromPolar(k.inBez[0], k.inBez[1]);
            Keyframe.Handle out = k.outBez == null ? null : FcpBezier.fromPolar(k.outBez[0], k.outBez[1]);
            keys.add(new Keyframe(k.when, k.value, in, out));
        }
        keys.sort(Comparator.comparingDouble(Keyframe::when));
        return new Param(plain, keys);
    }

    /**
     * One axis of the 2-D centre. Keyframes are linear per axis: FCP7's handles on the centre are
     * spatial (they bend the motion path on the canvas) and have no per-axis timing meaning.
     */
    private static Param axis(ParamDraft p, boolean horizontal) {
        double plain = horizontal ? p.horiz : p.vert;
        if (Double.isNaN(plain)) plain = 0;
        List<Keyframe> keys = new ArrayList<>(p.keys.size());
        for (KeyDraft k : p.keys) {
            double v = horizontal ? k.horiz : k.vert;
            if (!Double.isNaN(v)) keys.add(Keyframe.linear(k.when, v));
        }
        keys.sort(Comparator.comparingDouble(Keyframe::when));
        return new Param(plain, keys);
    }
}
