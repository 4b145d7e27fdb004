package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Keyframe;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a clip's filters as Premiere does: Basic Motion and Crop with their keyframes (FCP7 handles
 * as polar {@code <inbez>}/{@code <outbez>}, see {@link FcpBezier}). The model keeps only whether a clip
 * uses rotation, opacity, speed, time remapping or reverse, not their values, so those are written with
 * representative values that read back as the same {@link Clip.Unsupported} set: rotation 90, opacity
 * 50, speed 50 %, variable speed on, reverse on.
 */
final class EffectWriter {
    private EffectWriter() {}

    static void filters(XmlOut x, Clip clip) throws IOException {
        Set<Clip.Unsupported> u = clip.unsupported();
        boolean rotated = u.contains(Clip.Unsupported.ROTATION);
        if (!clip.motion().equals(Motion.IDENTITY) || rotated) motion(x, clip.motion(), rotated);
        if (!clip.crop().equals(Crop.NONE)) crop(x, clip.crop());
        if (u.contains(Clip.Unsupported.OPACITY)) {
            begin(x, "Opacity", "opacity", "motion");
            scalar(x, "opacity", "opacity", 0, 100, Param.constant(50));
            end(x);
        }
        boolean speed = u.contains(Clip.Unsupported.SPEED);
        boolean remap = u.contains(Clip.Unsupported.TIME_REMAP);
        boolean reversed = u.contains(Clip.Unsupported.REVERSED);
        if (speed || remap || reversed) {
            begin(x, "Time Remap", "timeremap", "motion");
            scalar(x, "variablespeed", "variablespeed", 0, 1, Param.constant(remap ? 1 : 0));
            scalar(x, "speed", "speed", -100000, 100000, Param.constant(speed ? 50 : 100));
            x.open("parameter", "authoringApp", "PremierePro");
            x.leaf("parameterid", "reverse");
            x.leaf("name", "reverse");
            x.leaf("value", reversed);
            x.close("parameter");
            end(x);
        }
    }

    private static void motion(XmlOut x, Motion m, boolean rotated) throws IOException {
        begin(x, "Basic Motion", "basic", "motion");
        scalar(x, "scale", "Scale", 0, 1000, m.scale());
        scalar(x, "rotation", "Rotation", -8640, 8640, Param.constant(rotated ? 90 : 0));
        center(x, m.centerX(), m.centerY());
        x.open("parameter", "authoringApp", "PremierePro");
        x.leaf("parameterid", "centerOffset");
        x.leaf("name", "Anchor Point");
        point(x, "value", 0, 0);
        x.close("parameter");
        end(x);
    }

    private static void crop(XmlOut x, Crop c) throws IOException {
        begin(x, "Crop", "crop", "motion");
        scalar(x, "left", "left", 0, 100, c.left());
        scalar(x, "right", "right", 0, 100, c.right());
        scalar(x, "top", "top", 0, 100, c.top());
        scalar(x, "bottom", "bottom", 0, 100, c.bottom());
        end(x);
    }

    private static void begin(XmlOut x, String name, String id, String category) throws IOException {
        x.open("filter");
        openEffect(x, name, id, category, "motion");
    }

    /** Opens a video {@code <effect>} with the five fields Premiere writes first; the caller closes it. */
    static void openEffect(XmlOut x, String name, String id, String category, String type) throws IOException {
        openEffect(x, name, id, category, type, "video");
    }

    /** Opens an {@code <effect>} for {@code mediaType} (video or audio); the caller closes it. */
    static void openEffect(XmlOut x, String name, String id, String category, String type, String mediaType)
            throws IOException {
        x.open("effect");
        x.leaf("name", name);
        x.leaf("effectid", id);
        x.leaf("effectcategory", category);
        x.leaf("effecttype", type);
        x.leaf("mediatype", mediaType);
    }

    private static void end(XmlOut x) throws IOException {
        x.close("effect");
        x.close("filter");
    }

    private static void scalar(XmlOut x, String id, String name, double min, double max, Param p) throws IOException {
        x.open("parameter", "authoringApp", "PremierePro");
        x.leaf("parameterid", id);
        x.leaf("name", name);
        x.leaf("valuemin", min);
        x.leaf("valuemax", max);
        x.leaf("value", p.value());
        for (Keyframe k : p.keyframes()) {
            x.open("keyframe");
            x.leaf("when", k.when());
            x.leaf("value", k.value());
            if (k.inBez() != null) handle(x, "inbez", k.inBez());
            if (k.outBez() != null) handle(x, "outbez", k.outBez());
            x.close("keyframe");
        }
        x.close("parameter");
    }

    private static void handle(XmlOut x, String name, Keyframe.Handle h) throws IOException {
        double[] polar = FcpBezier.toPolar(h);
        point(x, name, polar[0], polar[1]);
    }

    /**
     * The centre is one 2-D parameter in xmeml. Keyframes are written at the union of both axes' times,
     * each axis taking its own keyframe value there or its interpolated value (an axis without
     * keyframes its plain value), so axes keyed at the same times, as every read file has, round-trip.
     */
    private static void center(XmlOut x, Param cx, Param cy) throws IOException {
        x.open("parameter", "authoringApp", "PremierePro");
        x.leaf("parameterid", "center");
        x.leaf("name", "Center");
        point(x, "value", cx.value(), cy.value());
        TreeMap<Double, double[]> keys = new TreeMap<>();
        if (cx.animated() || cy.animated()) {
            for (Keyframe k : cx.keyframes()) keys.put(k.when(), new double[] {Double.NaN, Double.NaN});
            for (Keyframe k : cy.keyframes()) keys.put(k.when(), new double[] {Double.NaN, Double.NaN});
            fill(keys, cx, 0);
            fill(keys, cy, 1);
        }
        for (var e : keys.entrySet()) {
            x.open("keyframe");
            x.leaf("when", e.getKey());
            point(x, "value", e.getValue()[0], e.getValue()[1]);
            x.close("keyframe");
        }
        x.close("parameter");
    }

    private static void fill(TreeMap<Double, double[]> keys, Param p, int axis) {
        List<Keyframe> own = p.keyframes();
        for (Keyframe k : own) keys.get(k.when())[axis] = k.value();
        for (var e : keys.entrySet()) {
            if (Double.isNaN(e.getValue()[axis])) e.getValue()[axis] = p.valueAt(e.getKey());
        }
    }

    private static void point(XmlOut x, String name, double horiz, double vert) throws IOException {
        x.open(name);
        x.leaf("horiz", horiz);
        x.leaf("vert", vert);
        x.close(name);
    }
}
