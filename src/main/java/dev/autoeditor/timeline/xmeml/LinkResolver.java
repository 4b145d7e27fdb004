package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.xmeml.Drafts.ClipDraft;
import dev.autoeditor.timeline.xmeml.Drafts.LinkDraft;
import dev.autoeditor.timeline.xmeml.Drafts.SequenceDraft;
import dev.autoeditor.timeline.xmeml.Drafts.TrackDraft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a sequence's {@code <link>} elements into references by clip id, the form the model keeps (the
 * writer recomputes the places). Premiere names the linked item ({@code <linkclipref>}); older exports
 * (xmeml 3) only give its place: media type, 1-based track and 1-based item on the track, transitions
 * counted (checked on every link of the real corpus that has both). A place whose item has no id gets
 * a generated one, so the model can refer to it. A link naming nothing is dropped with a warning.
 * Ids are matched without surrounding spaces: FCP7 writes ids such as {@code "525_1799_01 "} and the
 * reader hands element text over trimmed.
 */
final class LinkResolver {
    /** Receives a warning about the item at a line. */
    interface Warnings {
        void warn(int line, String what);
    }

    private LinkResolver() {}

    static Map<ClipDraft, List<String>> resolve(SequenceDraft s, Set<String> clipIds, Supplier<String> newId,
                                                Warnings warnings) {
        Map<String, String> byTrimmedId = new HashMap<>();
        for (String id : clipIds) byTrimmedId.merge(id.trim(), id, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        Map<String, ClipDraft> byPlace = new HashMap<>();
        List<ClipDraft> linked = new ArrayList<>();
        collect(s.tracks, byPlace, linked);
        collect(s.audioTracks, byPlace, linked);
        Map<ClipDraft, List<String>> out = new IdentityHashMap<>();
        for (ClipDraft d : linked) {
            List<String> ids = new ArrayList<>(d.links.size());
            for (LinkDraft l : d.links) {
                String id = target(l, byPlace, byTrimmedId, newId);
                if (id == null) {
                    warnings.warn(l.line, "a link of clip item '" + (d.name != null ? d.name : d.id) + "' names "
                            + describe(l) + ", which the document does not hold; the link is left out");
                } else if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
            out.put(d, ids);
        }
        return out;
    }

    private static void collect(List<TrackDraft> tracks, Map<String, ClipDraft> byPlace, List<ClipDraft> linked) {
        for (TrackDraft t : tracks) {
            for (Object item : t.items) {
                if (!(item instanceof ClipDraft d)) continue;
                byPlace.put(place(d.audio ? "audio" : "video", d.trackIndex, d.itemIndex), d);
                if (!d.links.isEmpty()) linked.add(d);
            }
        }
    }

    private static String target(LinkDraft l, Map<String, ClipDraft> byPlace, Map<String, String> byTrimmedId,
                                 Supplier<String> newId) {
        if (l.clipRef != null && !l.clipRef.isEmpty()) return byTrimmedId.get(l.clipRef.trim());
        if (l.mediaType == null) return null;
        ClipDraft d = byPlace.get(place(l.mediaType.toLowerCase(Locale.ROOT), l.trackIndex, l.clipIndex));
        if (d == null) return null;
        if (d.id == null) d.id = newId.get();
        return d.id;
    }

    private static String place(String mediaType, int track, int item) {
        return mediaType + "/" + track + "/" + item;
    }

    private static String describe(LinkDraft l) {
        if (l.clipRef != null && !l.clipRef.isEmpty()) return "clip item '" + l.clipRef + "'";
        return (l.mediaType == null ? "an item" : l.mediaType + " item") + " " + l.clipIndex + " on track " + l.trackIndex;
    }
}
