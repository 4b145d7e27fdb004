package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.xmeml.Drafts.ClipDraft;
import dev.autoeditor.timeline.xmeml.Drafts.FileDraft;
import dev.autoeditor.timeline.xmeml.Drafts.SequenceDraft;
import dev.autoeditor.timeline.xmeml.Drafts.TrackDraft;
import dev.autoeditor.timeline.xmeml.Drafts.TransitionDraft;
import dev.autoeditor.util.UserException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the drafts of one document into timeline records, resolving references by id: every
 * {@code <file id="x">} becomes one shared {@link Source.File} (the first full definition wins, wherever
 * it stands in the document), every nested sequence one {@link Sequence}.
 */
final class ModelBuilder {
    /** Premiere's time unit: ticks per second. */
    static final long TICKS_PER_SECOND = 254_016_000_000L;
    /** Files at least this long (in seconds) are stills: Premiere gives stills about 12 hours. */
    static final double STILL_SECONDS = 11 * 3600;

    private final DocumentParser.Parsed parsed;
    private final String fileName;
    private final XmemlReader.Limits limits;
    private final Map<String, Source.File> filesById = new HashMap<>();
    private final Map<FileDraft, Source.File> anonymousFiles = new IdentityHashMap<>();
    private final Map<SequenceDraft, Sequence> built = new IdentityHashMap<>();
    private final Map<SequenceDraft, Boolean> building = new IdentityHashMap<>();
    private final List<String> warnings;
    private int generatedIds;

    private ModelBuilder(DocumentParser.Parsed parsed, String fileName, XmemlReader.Limits limits) {
        this.parsed = parsed;
        this.fileName = fileName;
        this.limits = limits;
        this.warnings = parsed.warnings;
    }

    /**
     * The top-level sequences. Clip times that cannot be taken as written are repaired or left out,
     * each with a warning in {@code parsed.warnings} (see {@link #clip}); a clip ending beyond
     * {@code limits} fails the file.
     */
    static List<Sequence> topLevelSequences(DocumentParser.Parsed parsed, String fileName, XmemlReader.Limits limits) {
        ModelBuilder b = new ModelBuilder(parsed, fileName, limits);
        b.markStills();
        // Drafts are let go as they are built (here, and per track below), so that a large file does
        // not hold its drafts and its model in memory at once.
        parsed.videoClips.clear();
        List<Sequence> out = new ArrayList<>(parsed.topLevel.size());
        for (SequenceDraft s : parsed.topLevel) out.add(b.sequence(s));
        return out;
    }

    /** A clip can say what its file's definition does not: that it is a still, or how long the media is. */
    private void markStills() {
        for (ClipDraft d : parsed.videoClips) {
            FileDraft f = resolve(d.file);
            if (f == null) continue;
            if (d.still) f.still = true;
            if (f.duration < 0 && f.videoDuration < 0 && d.duration >= 0 && f.rate == null) {
                f.duration = d.duration;
                f.rate = d.rate;
            }
        }
    }

    private FileDraft resolve(FileDraft f) {
        if (f == null) return null;
        if (f.id != null) {
            FileDraft def = parsed.files.get(f.id);
            if (def != null) return def;
        }
        return f;
    }

    private Sequence sequence(SequenceDraft draft) {
        SequenceDraft s = draft;
        if (!s.defined) {
            s = s.id == null ? null : parsed.sequences.get(s.id);
            if (s == null) {
                throw error(draft.line, "a clip refers to sequence '" + draft.id + "', which the file never defines",
                        "re-export with the nested sequence included");
            }
        }
        Sequence done = built.get(s);
        if (done != null) return done;
        if (building.containsKey(s)) {
            throw error(s.line, "sequence '" + s.id + "' contains itself", "remove the circular nesting");
        }
        if (s.rate == null && s.rateProblem != null) {
            throw error(s.line, "sequence '" + nameOf(s.name, s.id) + "' has " + s.rateProblem,
                    "give its <timebase> the sequence's frame rate (such as 25 or 30) or re-export the sequence");
        }
        if (s.rate == null) {
            throw error(s.line, "sequence '" + nameOf(s.name, s.id) + "' has no <rate> with a <timebase>",
                    "re-export the sequence; every xmeml sequence states its frame rate");
        }
        building.put(s, Boolean.TRUE);
        Map<ClipDraft, List<String>> links = LinkResolver.resolve(s, parsed.clipIds, this::generatedId, this::warn);
        List<VideoTrack> tracks = new ArrayList<>(s.tracks.size());
        for (TrackDraft t : s.tracks) tracks.add(new VideoTrack(t.enabled, items(t, s, links)));
        List<AudioTrack> audio = new ArrayList<>(s.audioTracks.size());
        for (TrackDraft t : s.audioTracks) audio.add(new AudioTrack(t.enabled, items(t, s, links)));
        building.remove(s);
        Sequence seq = new Sequence(s.id, s.name, s.rate, s.width, s.height, s.duration, tracks, audio);
        built.put(s, seq);
        return seq;
    }

    /**
     * A track's items. An audio clip the model cannot place (no timing, or both ends -1 with no
     * transition before it) is left out with a warning instead of failing the file: the table is
     * video only, and real exports hold such audio.
     */
    private List<TrackItem> items(TrackDraft t, SequenceDraft s, Map<ClipDraft, List<String>> links) {
        List<TrackItem> items = new ArrayList<>(t.items.size());
        Transition previous = null;
        for (int i = 0; i < t.items.size(); i++) {
            Object item = t.items.get(i);
            if (item instanceof ClipDraft d) {
                if (t.audio && !placeable(d, previous)) {
                    warn(d.line, "audio clip item '" + nameOf(d.name, d.id) + "' has no usable <start>/<end>/<in>/<out>;"
                            + " left out");
                    previous = null;
                    continue;
                }
                items.add(clip(d, s, previous, links.getOrDefault(d, List.of())));
                previous = null;
            } else {
                previous = transition((TransitionDraft) item, s.rate);
                items.add(previous);
            }
            t.items.set(i, null); // built: the draft can go
        }
        return items;
    }

    private static boolean placeable(ClipDraft d, Transition before) {
        if (d.start == null || d.end == null || d.in == null || d.out == null) return false;
        return d.start >= 0 || d.end >= 0 || (before != null && before.start() >= 0);
    }

    /** A new clip id no item of the document has: for a link target the file left without one. */
    private String generatedId() {
        String id;
        do {
            id = "clipitem-auto-" + (++generatedIds);
        } while (parsed.clipIds.contains(id));
        parsed.clipIds.add(id);
        return id;
    }

    private void warn(int line, String what) {
        warnings.add(fileName + ":" + line + ": " + what);
    }

    /**
     * A clip with its timeline times as the model takes them. In xmeml -1 is the only negative time:
     * the clip meets a transition there. A clip between two transitions has both {@code <start>} and
     * {@code <end>} -1 (Premiere and FCP7 write this for short clips); it begins where the transition
     * before it begins, so its start is taken from that transition and its end stays -1.
     *
     * <p>Other times a hand-edited or damaged file may hold are taken as written where they make sense
     * and reported (never silently changed): a clip that covers no frame (start after end) or lies
     * wholly before frame 0 stays on its track, so transitions keep their neighbours, but at an empty
     * span at frame 0, where it shows nothing and gets no asset number; a clip that starts before frame
     * 0 loses the frames before it (its in point moves on by as many source frames).
     */
    private Clip clip(ClipDraft d, SequenceDraft sequence, Transition before, List<String> links) {
        String what = "clip item '" + nameOf(d.name, d.id) + "'";
        if (d.start == null || d.end == null || d.in == null || d.out == null) {
            throw error(d.line, what + " lacks one of <start>, <end>, <in>, <out>",
                    "re-export the sequence; every clip on a track states all four");
        }
        long start = d.start;
        long end = d.end;
        long in = d.in;
        long length = d.out - d.in;
        long placedEnd;
        if (start == -1 && end == -1) {
            if (before == null || before.start() < 0) {
                throw error(d.line, what + " has both <start> and <end> -1 and no transition before it",
                        "re-export the sequence");
            }
            start = before.start();
            placedEnd = start + length;
        } else {
            long from = start == -1 ? end - length : start;
            long to = end == -1 ? from + length : end;
            placedEnd = to;
            if (to <= from || to <= 0) {
                warn(d.line, what + " " + emptySpan(d.start, d.end, from, to));
                // Representable as written when both are real frames; otherwise an empty span at 0.
                if (!(d.start >= 0 && d.end >= 0)) {
                    start = 0;
                    end = 0;
                }
                placedEnd = 0;
            } else if (from < 0) {
                warn(d.line, what + " starts at frame " + from + ", before the sequence's first frame; its first " + (-from)
                        + " frame(s) are left out");
                in += -from;
                start = 0;
                end = to;
            }
        }
        checkLength(d, what, sequence, placedEnd);
        Rate fallback = d.rate != null ? d.rate : sequence.rate;
        return new Clip(d.id, d.name, d.enabled, start, end, in, d.out, source(d, fallback, what),
                d.motion, d.crop, d.unsupported, d.masterclipId, d.sourceTrack, links, d.keptFilters);
    }

    /** Why a clip covering timeline frames [from, to) shows no frame, in the file's own numbers. */
    private static String emptySpan(long start, long end, long from, long to) {
        if (start >= 0 && end >= 0 && start > end) {
            return "has <start> " + start + " after its <end> " + end + "; it shows no frame and is left out of the table";
        }
        if (to > from) {
            return "lies wholly before the sequence's first frame (<start> " + start + ", <end> " + end + "); it is left out of the table";
        }
        return "covers no frame (<start> " + start + ", <end> " + end + ", " + (to - from) + " frame(s) long); it is left out of the table";
    }

    /** Refuses a clip that makes its sequence longer than the limit: the table would have that many frames. */
    private void checkLength(ClipDraft d, String what, SequenceDraft sequence, long endFrame) {
        double seconds = sequence.rate.seconds(endFrame);
        if (seconds <= limits.maxSequenceHours() * 3600) return;
        throw error(d.line, what + " ends at frame " + endFrame + ", " + XmemlReader.Limits.duration(seconds) + " into sequence '"
                        + nameOf(sequence.name, sequence.id) + "' at " + XmemlReader.Limits.number(sequence.rate.fps()) + " fps; "
                        + limits.setting() + " is " + XmemlReader.Limits.number(limits.maxSequenceHours()) + " (hours), so the file is refused",
                "fix the clip's <end> (a damaged or hand-edited value?), or raise the limit with --set " + limits.setting() + "=HOURS");
    }


    private Source source(ClipDraft d, Rate fallbackRate, String what) {
        if (d.sequence != null) {
            Sequence nested = sequence(d.sequence);
            return new Source.Nested(d.sequence.id, nested.name(), nested);
        }
        if (d.multiclipId != null) {
            String name = d.multiclipName != null ? d.multiclipName : parsed.multiclipNames.get(d.multiclipId);
            return new Source.Multicam(d.multiclipId, name);
        }
        if (d.generatorItem && d.generatorId != null) return new Source.Generator(d.generatorId, d.generatorName);
        FileDraft f = resolve(d.file);
        if (f != null && !f.defined && f.id != null) {
            warn(d.line, what + " refers to file '" + f.id + "', which the document never defines");
        }
        if (f != null && f.pathUrl == null && f.mediaSource != null) {
            // Premiere's synthetic media (Slug, GraphicAndType, Bars and Tone) has no file on disk.
            return new Source.Generator(f.mediaSource, f.name);
        }
        if (f != null) return file(f, d, fallbackRate);
        if (d.generatorId != null) return new Source.Generator(d.generatorId, d.generatorName);
        return unlinked(d, fallbackRate);
    }

    /**
     * Premiere leaves out the media of some clips (seen on multicam clips whose source was not
     * exported): no file, sequence or generator. The clip is still on the timeline, so it becomes a
     * file source without a path, one per master clip (clips cut from the same master share it).
     */
    private Source.File unlinked(ClipDraft d, Rate rate) {
        String key = d.masterclipId != null ? "masterclip:" + d.masterclipId : "clipitem:" + nameOf(d.id, d.name);
        return filesById.computeIfAbsent(key, k -> new Source.File(k, d.name, null, Math.max(d.duration, 0), rate,
                0, 0, false));
    }

    private Source.File file(FileDraft f, ClipDraft d, Rate fallbackRate) {
        Source.File known = f.id != null ? filesById.get(f.id) : anonymousFiles.get(f);
        if (known != null) return known;
        Rate rate = f.rate != null ? f.rate : fallbackRate;
        long duration = f.duration >= 0 ? f.duration : Math.max(f.videoDuration, 0);
        boolean still = f.still || duration >= STILL_SECONDS * rate.fps();
        String name = f.name != null ? f.name : d.name;
        String id = f.id != null ? f.id : "";
        Source.File file = new Source.File(id, name, f.pathUrl, duration, rate, f.width, f.height, still,
                f.audioChannels);
        if (f.id != null) filesById.put(f.id, file);
        else anonymousFiles.put(f, file);
        return file;
    }

    private Transition transition(TransitionDraft t, Rate sequenceRate) {
        long cut = t.cutPoint;
        if (cut < 0 && t.cutPointTicks >= 0) {
            // ticks are time: convert with the sequence's exact rate (ticks x num / (TPS x den)).
            double frames = (double) t.cutPointTicks * sequenceRate.fpsNumerator()
                    / ((double) TICKS_PER_SECOND * sequenceRate.fpsDenominator());
            cut = Math.round(frames);
        }
        return new Transition(t.start, t.end, t.alignment, cut, t.effectId, t.name);
    }

    private UserException error(int line, String reason, String fix) {
        return new UserException(fileName + ":" + line + ": " + reason + "; " + fix);
    }

    private static String nameOf(String name, String id) {
        return name != null ? name : id != null ? id : "(unnamed)";
    }
}
