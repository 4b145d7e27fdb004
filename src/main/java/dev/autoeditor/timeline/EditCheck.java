package dev.autoeditor.timeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A structural check of an edit: what an editing program needs to open it as intended.
 *
 * <p>Rules for the clips a generator wrote (those starting at or after {@code generatedFrom}): the clip
 * references a defined source; in < out, within the source (its duration at the sequence's rate, or
 * as far as the prompt's own clips of it reach); no overlap with a neighbour on its track unless a
 * transition between them covers it; keyframes inside the clip; a video clip of a source with sound
 * (a file that declares audio, or a source the edit plays on an audio track) is linked to audio clips
 * of the same source with the same timing, and every link is returned. Everywhere: sources are
 * defined and identified, clip ids are unique, and every link names a clip of the sequence: a cut or
 * a writer could break those. Real exports break the other rules themselves (in/out past a file's
 * stated duration, audio overlapping without a cross fade, keyframes outside [in, out], video unlinked
 * from its audio, multicam clips linked to another file's audio), so before {@code generatedFrom} they
 * are counted per rule in {@link Report#promptIssues()}, not reported as problems.
 */
public final class EditCheck {
    private EditCheck() {}

    /**
     * Counts and problems; {@link #ok()} when there is no problem. {@code cuts} are the changes of
     * what a video track shows (a source, or nothing) from the generated part on.
     */
    public record Report(int videoClips, int audioClips, int generatedVideoClips, int generatedAudioClips,
                         int links, int cuts, Map<String, Integer> promptIssues, List<String> problems) {
        public Report {
            promptIssues = Collections.unmodifiableMap(new TreeMap<>(promptIssues));
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** One line of counts, e.g. for a command's summary. */
        public String summary() {
            int prompt = promptIssues.values().stream().mapToInt(Integer::intValue).sum();
            return videoClips + " video clip(s), " + audioClips + " audio clip(s) (" + generatedVideoClips + " and "
                    + generatedAudioClips + " generated), " + links + " link(s), " + cuts + " generated cut(s), "
                    + problems.size() + " problem(s)" + (prompt == 0 ? "" : "; the prompt's own irregularities: " + promptIssues);
        }
    }

    /** Every clip held to every rule (a wholly generated edit). */
    public static Report check(Sequence edit) {
        return check(edit, 0);
    }

    /** Clips starting at or after {@code generatedFrom} are the generated part. */
    public static Report check(Sequence edit, long generatedFrom) {
        return new Checker(edit, generatedFrom).run();
    }

    private static final class Checker {
        private final Sequence s;
        private final long from;
        private final List<String> problems = new ArrayList<>();
        private final Map<String, Integer> promptIssues = new HashMap<>();
        private final Map<String, Clip> byId = new HashMap<>();
        private final Map<String, long[]> span = new HashMap<>();
        private final Set<String> audioIds = new HashSet<>();
        private final Set<String> soundSources = new HashSet<>();
        private final Map<String, Long> promptReach = new HashMap<>();
        private int videoClips;
        private int audioClips;
        private int generatedVideo;
        private int generatedAudio;
        private int links;

        Checker(Sequence s, long from) {
            this.s = s;
            this.from = from;
        }

        Report run() {
            for (List<PlacedClip> placed : allTracks()) {
                for (PlacedClip p : placed) {
                    Clip c = p.clip();
                    if (p.start() < from) promptReach.merge(c.source().key(), c.out(), Math::max);
                    if (c.source() instanceof Source.File f && f.audioChannels() > 0) soundSources.add(f.key());
                }
            }
            for (int k = 0; k < s.tracks().size(); k++) {
                VideoTrack t = s.tracks().get(k);
                track("V" + (k + 1), t.items(), t.placedClips(), false);
            }
            for (int k = 0; k < s.audioTracks().size(); k++) {
                AudioTrack t = s.audioTracks().get(k);
                track("A" + (k + 1), t.items(), t.placedClips(), true);
            }
            for (int k = 0; k < s.tracks().size(); k++) for (PlacedClip p : s.tracks().get(k).placedClips()) links("V" + (k + 1), p, false);
            for (int k = 0; k < s.audioTracks().size(); k++) {
                for (PlacedClip p : s.audioTracks().get(k).placedClips()) links("A" + (k + 1), p, true);
            }
            return new Report(videoClips, audioClips, generatedVideo, generatedAudio, links, cuts(), promptIssues, problems);
        }

        private List<List<PlacedClip>> allTracks() {
            List<List<PlacedClip>> all = new ArrayList<>();
            for (VideoTrack t : s.tracks()) all.add(t.placedClips());
            for (AudioTrack t : s.audioTracks()) all.add(t.placedClips());
            return all;
        }

        /** A broken rule: a problem in the generated part, a counted irregularity in the prompt. */
        private void rule(boolean generated, String rule, String message) {
            if (generated) problems.add(message);
            else promptIssues.merge(rule, 1, Integer::sum);
        }

        private void track(String name, List<TrackItem> items, List<PlacedClip> placed, boolean audio) {
            PlacedClip previous = null;
            for (PlacedClip p : placed) {
                Clip c = p.clip();
                String what = name + " " + describe(c) + " [" + p.start() + ", " + p.end() + ")";
                boolean generated = p.start() >= from;
                if (audio) {
                    audioClips++;
                    if (generated) generatedAudio++;
                    if (c.id() != null) audioIds.add(c.id());
                    soundSources.add(c.source().key());
                } else {
                    videoClips++;
                    if (generated) generatedVideo++;
                }
                if (c.id() != null) {
                    if (byId.putIfAbsent(c.id(), c) != null) problems.add(what + ": its id is used by another clip");
                    span.put(c.id(), new long[] {p.start(), p.end()});
                }
                source(what, c);
                if (c.in() < 0 || c.in() >= c.out()) {
                    rule(generated, "in not before out", what + ": in " + c.in() + " is not before out " + c.out());
                }
                long length = Math.max(sourceLength(c.source(), s.rate()), generated ? promptReach.getOrDefault(c.source().key(), 0L) : 0);
                if (sourceLength(c.source(), s.rate()) > 0 && c.out() > length) {
                    rule(generated, "out past the source's end", what + ": out " + c.out() + " is past the source's end ("
                            + length + " frames at the sequence's rate)");
                }
                keyframes(what, c, generated);
                if (previous != null && p.start() < previous.end() && !coveredByTransition(items, previous, p)) {
                    rule(generated, "overlap without a transition", what + ": overlaps " + describe(previous.clip()) + " ["
                            + previous.start() + ", " + previous.end() + ") with no transition between them");
                }
                if (previous == null || p.end() > previous.end()) previous = p;
            }
        }

        private void source(String what, Clip c) {
            Source src = c.source();
            if (src instanceof Source.File f) {
                if (f.name() == null && f.pathUrl() == null) problems.add(what + ": its file '" + f.id() + "' is never defined");
            } else if (src instanceof Source.Nested n) {
                if (n.sequence() == null) problems.add(what + ": nested sequence '" + n.id() + "' is not defined");
            } else if (src instanceof Source.Multicam m) {
                if (m.id() == null) problems.add(what + ": its multicam clip has no id");
            }
        }

        private void keyframes(String what, Clip c, boolean generated) {
            List<Param> params = List.of(c.motion().scale(), c.motion().centerX(), c.motion().centerY(), c.crop().left(),
                    c.crop().right(), c.crop().top(), c.crop().bottom());
            for (Param p : params) {
                for (Keyframe k : p.keyframes()) {
                    if (k.when() < c.in() || k.when() > c.out()) {
                        rule(generated, "keyframe outside its clip", what + ": keyframe at source frame " + k.when()
                                + " outside [" + c.in() + ", " + c.out() + "]");
                    }
                }
            }
        }

        /** Overlapping neighbours must have a transition between them (in item order) covering the overlap. */
        private static boolean coveredByTransition(List<TrackItem> items, PlacedClip a, PlacedClip b) {
            for (int i = Math.min(a.position(), b.position()) + 1; i < Math.max(a.position(), b.position()); i++) {
                if (items.get(i) instanceof Transition t && t.start() <= b.start() && t.end() >= Math.min(a.end(), b.end())) {
                    return true;
                }
            }
            return false;
        }

        private void links(String name, PlacedClip p, boolean audio) {
            Clip c = p.clip();
            String what = name + " " + describe(c);
            boolean generated = p.start() >= from;
            boolean linkedToAudio = false;
            for (String id : c.links()) {
                links++;
                Clip other = byId.get(id);
                if (other == null) {
                    problems.add(what + ": links to '" + id + "', which is not a clip of the sequence");
                    continue;
                }
                if (other == c) continue;
                if (!other.source().key().equals(c.source().key())) {
                    rule(generated, "linked to another source", what + ": linked to " + describe(other) + ", which shows another source");
                }
                if (audioIds.contains(id)) {
                    linkedToAudio = true;
                    long[] sp = span.get(id);
                    if (!audio && (sp[0] != p.start() || sp[1] != p.end() || other.in() != c.in() || other.out() != c.out())) {
                        rule(generated, "audio not cut like its video", what + ": its audio " + describe(other) + " is not cut like it");
                    }
                }
                if (!other.links().contains(c.id())) rule(generated, "link not returned", what + ": " + describe(other) + " does not link back");
            }
            if (!audio && soundSources.contains(c.source().key()) && !linkedToAudio) {
                rule(generated, "video without its audio", what + ": has sound (its source declares or plays audio) but no linked audio clip");
            }
        }

        /**
         * Changes of what a video track shows (a source, or nothing) at frames from the generated part
         * on, up to the edit's end: at each clip boundary b, the source shown at b - 1 against the one
         * at b (where clips overlap at a prompt transition, the later clip shows).
         */
        private int cuts() {
            long editEnd = s.lengthFrames();
            int cuts = 0;
            for (VideoTrack t : s.tracks()) {
                if (!t.enabled()) continue;
                List<PlacedClip> visible = new ArrayList<>();
                for (PlacedClip p : t.placedClips()) if (p.clip().enabled() && p.end() >= from) visible.add(p);
                visible.sort(Comparator.comparingLong(PlacedClip::start));
                TreeSet<Long> boundaries = new TreeSet<>();
                for (PlacedClip p : visible) {
                    boundaries.add(p.start());
                    boundaries.add(p.end());
                }
                for (long b : boundaries) {
                    if (b < from || b >= editEnd || b == 0) continue;
                    if (!Objects.equals(shownAt(visible, b - 1), shownAt(visible, b))) cuts++;
                }
            }
            return cuts;
        }

        private static String shownAt(List<PlacedClip> sorted, long frame) {
            String shown = null;
            for (PlacedClip p : sorted) {
                if (p.start() > frame) break;
                if (p.end() > frame) shown = p.clip().source().key();
            }
            return shown;
        }

        private static String describe(Clip c) {
            return "'" + c.name() + "' (" + c.id() + ")";
        }
    }

    /** A source's stated length in frames at {@code rate}; 0 when unknown or unbounded (stills, generators). */
    public static long sourceLength(Source s, Rate rate) {
        if (s instanceof Source.File f && !f.still() && f.durationFrames() > 0 && f.rate() != null) {
            return f.rate().convert(f.durationFrames(), rate);
        }
        if (s instanceof Source.Nested n) return n.sequence().rate().convert(n.sequence().lengthFrames(), rate);
        return 0;
    }
}
