package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.xmeml.Drafts.ClipDraft;
import dev.autoeditor.timeline.xmeml.Drafts.FileDraft;
import dev.autoeditor.timeline.xmeml.Drafts.SequenceDraft;
import dev.autoeditor.timeline.xmeml.Drafts.TrackDraft;
import dev.autoeditor.timeline.xmeml.Drafts.TransitionDraft;

import javax.xml.stream.XMLStreamException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One streaming pass over an xmeml document by recursive descent. Elements the timeline needs are
 * read where they occur; everything else is walked only to find {@code <file>}, {@code <sequence>}
 * and {@code <multiclip>} definitions that later references may name (a clip in a bin, an audio
 * track, or a multicam angle can hold the first full definition of a file).
 * A {@code <sequence>} is top-level unless it lies inside a clip, clip item or multicam clip.
 */
final class DocumentParser {
    /** What one document holds, before references are resolved. */
    static final class Parsed {
        final List<SequenceDraft> topLevel = new ArrayList<>();
        final Map<String, FileDraft> files = new HashMap<>();
        final Map<String, SequenceDraft> sequences = new HashMap<>();
        final Map<String, String> multiclipNames = new HashMap<>();
        final List<ClipDraft> videoClips = new ArrayList<>();
        /** "FILE:LINE: what was odd; what was done", for values ignored or repaired while reading. */
        final List<String> warnings = new ArrayList<>();
        /** The id of every clip and generator item in the document (links may name any of them). */
        final Set<String> clipIds = new java.util.HashSet<>();
        int rootLine;
    }

    private final XmlCursor c;
    private final boolean keepFilters;
    private final Parsed parsed = new Parsed();

    private DocumentParser(XmlCursor cursor, boolean keepFilters) {
        this.c = cursor;
        this.keepFilters = keepFilters;
    }

    /** Reads the document; with {@code keepFilters} every clip item's filters are also kept verbatim. */
    static Parsed parse(XmlCursor cursor, boolean keepFilters) throws XMLStreamException {
        DocumentParser p = new DocumentParser(cursor, keepFilters);
        String root = cursor.root();
        p.parsed.rootLine = cursor.line();
        if (!"xmeml".equals(root)) {
            throw cursor.error("not an xmeml file (the root element is <" + root + ">, expected <xmeml>)",
                    "export the sequence from Premiere Pro or Final Cut Pro 7 as Final Cut Pro XML");
        }
        p.walk(false);
        return p.parsed;
    }

    /**
     * Elements that never hold a file, sequence or multicam definition (metadata, effects, links): an
     * unknown element with one of these names is skipped whole instead of walked.
     */
    private static final Set<String> OPAQUE = Set.of("filter", "effect", "link", "logginginfo", "labels",
            "comments", "marker", "timecode", "itemhistory", "colorinfo", "sourcetrack", "appspecificdata",
            "samplecharacteristics", "audiochannel", "format", "uuid", "updatebehavior", "outputs");

    /** Walks the children of the current element looking for definitions and top-level sequences. */
    private void walk(boolean insideClip) throws XMLStreamException {
        while (c.nextChild()) {
            switch (c.name()) {
                case "sequence" -> sequence(!insideClip);
                case "file" -> file();
                case "multiclip" -> multiclip(null);
                case "clip", "clipitem", "generatoritem", "mediasource" -> walk(true);
                default -> other(insideClip);
            }
        }
    }

    /** An element the caller does not read: skipped when it cannot hold definitions, else walked. */
    private void other(boolean insideClip) throws XMLStreamException {
        if (OPAQUE.contains(c.name())) c.skip();
        else walk(insideClip);
    }

    private SequenceDraft sequence(boolean topLevel) throws XMLStreamException {
        SequenceDraft s = new SequenceDraft();
        s.id = c.attribute("id");
        s.line = c.line();
        while (c.nextChild()) {
            s.defined = true;
            switch (c.name()) {
                case "name" -> s.name = c.text();
                case "duration" -> s.duration = c.longOrWarn(0, parsed.warnings::add);
                case "rate" -> {
                    RateRead r = rate();
                    s.rate = r.rate();
                    s.rateProblem = r.problem();
                }
                case "media" -> media(s);
                default -> other(true);
            }
        }
        if (s.defined) {
            if (s.id != null) parsed.sequences.putIfAbsent(s.id, s);
            if (topLevel) parsed.topLevel.add(s);
        }
        return s;
    }

    private void media(SequenceDraft s) throws XMLStreamException {
        while (c.nextChild()) {
            switch (c.name()) {
                case "video" -> video(s);
                case "audio" -> audio(s);
                default -> other(true);
            }
        }
    }

    private void video(SequenceDraft s) throws XMLStreamException {
        while (c.nextChild()) {
            switch (c.name()) {
                case "format" -> format(s);
                case "track" -> s.tracks.add(track(false, s.tracks.size() + 1));
                default -> other(true);
            }
        }
    }

    private void audio(SequenceDraft s) throws XMLStreamException {
        while (c.nextChild()) {
            if ("track".equals(c.name())) s.audioTracks.add(track(true, s.audioTracks.size() + 1));
            else other(true);
        }
    }

    private void format(SequenceDraft s) throws XMLStreamException {
        while (c.nextChild()) {
            if (!"samplecharacteristics".equals(c.name())) {
                c.skip();
                continue;
            }
            while (c.nextChild()) {
                switch (c.name()) {
                    case "width" -> s.width = size();
                    case "height" -> s.height = size();
                    default -> c.skip();
                }
            }
        }
    }

    /**
     * A {@code <track>}; every clip item on it learns its place (media type, 1-based track and item
     * index, transitions counted, as xmeml's {@code <link>} elements address items).
     */
    private TrackDraft track(boolean audio, int trackIndex) throws XMLStreamException {
        TrackDraft t = new TrackDraft();
        t.audio = audio;
        while (c.nextChild()) {
            switch (c.name()) {
                case "enabled" -> t.enabled = c.booleanValue();
                case "clipitem" -> t.items.add(placed(clip(false, audio), audio, trackIndex, t.items.size() + 1));
                case "generatoritem" -> t.items.add(placed(clip(true, audio), audio, trackIndex, t.items.size() + 1));
                case "transitionitem" -> t.items.add(transition());
                default -> other(true);
            }
        }
        return t;
    }

    private ClipDraft placed(ClipDraft d, boolean audio, int trackIndex, int itemIndex) {
        if (!audio) parsed.videoClips.add(d);
        d.audio = audio;
        d.trackIndex = trackIndex;
        d.itemIndex = itemIndex;
        return d;
    }

    private ClipDraft clip(boolean generatorItem, boolean audio) throws XMLStreamException {
        ClipDraft d = new ClipDraft();
        d.generatorItem = generatorItem;
        d.id = c.attribute("id");
        d.line = c.line();
        if (d.id != null) parsed.clipIds.add(d.id);
        while (c.nextChild()) {
            switch (c.name()) {
                case "name" -> d.name = c.text();
                case "masterclipid" -> d.masterclipId = c.text();
                case "enabled" -> d.enabled = c.booleanValue();
                case "start" -> d.start = c.longValue();
                case "end" -> d.end = c.longValue();
                case "in" -> d.in = c.longValue();
                case "out" -> d.out = c.longValue();
                case "duration" -> d.duration = c.longOrWarn(-1, parsed.warnings::add);
                case "rate" -> d.rate = rateOrWarn("clip item '" + (d.name != null ? d.name : d.id) + "'");
                case "stillframe" -> d.still |= c.booleanValue();
                case "file" -> d.file = file();
                case "sequence" -> d.sequence = sequence(false);
                case "multiclip" -> multiclip(d);
                case "filter" -> filter(d, audio);
                case "link" -> d.links.add(link());
                case "sourcetrack" -> d.sourceTrack = sourceTrack();
                case "effect" -> {
                    EffectReader.EffectDraft e = EffectReader.readEffect(c);
                    if (d.generatorId == null) {
                        d.generatorId = e.id;
                        d.generatorName = e.name;
                    }
                }
                default -> other(true);
            }
        }
        return d;
    }

    /**
     * A clip's {@code <filter>}: interpreted, and with {@code keepFilters} also kept as written. An
     * audio clip's filters (levels, pan) mean nothing to the table: unless kept they are skipped unread.
     */
    private void filter(ClipDraft d, boolean audio) throws XMLStreamException {
        if (!keepFilters && audio) {
            c.skip();
            return;
        }
        if (!keepFilters) {
            EffectReader.readFilter(c, d);
            return;
        }
        c.startRecording();
        EffectReader.readFilter(c, d);
        d.keptFilters.add(c.recorded());
    }

    private Drafts.LinkDraft link() throws XMLStreamException {
        Drafts.LinkDraft l = new Drafts.LinkDraft();
        l.line = c.line();
        while (c.nextChild()) {
            switch (c.name()) {
                case "linkclipref" -> l.clipRef = c.text();
                case "mediatype" -> l.mediaType = c.text();
                case "trackindex" -> l.trackIndex = (int) c.longValue();
                case "clipindex" -> l.clipIndex = (int) c.longValue();
                default -> c.skip();
            }
        }
        return l;
    }

    /** The channel of its source an (audio) clip plays: {@code <sourcetrack><trackindex>}, 0 when absent. */
    private int sourceTrack() throws XMLStreamException {
        int index = 0;
        while (c.nextChild()) {
            if ("trackindex".equals(c.name())) index = (int) Math.max(0, c.longValue());
            else c.skip();
        }
        return index;
    }

    private void multiclip(ClipDraft owner) throws XMLStreamException {
        String id = c.attribute("id");
        String name = null;
        while (c.nextChild()) {
            if ("name".equals(c.name()) && name == null) name = c.text();
            else other(true);
        }
        if (id != null && name != null) parsed.multiclipNames.putIfAbsent(id, name);
        if (owner != null && owner.multiclipId == null) {
            owner.multiclipId = id == null ? "" : id;
            owner.multiclipName = name;
        }
    }

    private TransitionDraft transition() throws XMLStreamException {
        TransitionDraft t = new TransitionDraft();
        t.line = c.line();
        while (c.nextChild()) {
            switch (c.name()) {
                case "start" -> t.start = c.longValue();
                case "end" -> t.end = c.longValue();
                case "alignment" -> t.alignment = Transition.Alignment.fromXml(c.text());
                case "cutPoint" -> t.cutPoint = c.longValue();
                case "cutPointTicks" -> t.cutPointTicks = c.longValue();
                case "rate" -> t.rate = rateOrWarn("a transition");
                case "effect" -> {
                    EffectReader.EffectDraft e = EffectReader.readEffect(c);
                    t.effectId = e.id;
                    t.name = e.name;
                }
                default -> other(true);
            }
        }
        return t;
    }

    private FileDraft file() throws XMLStreamException {
        FileDraft f = new FileDraft();
        f.id = c.attribute("id");
        while (c.nextChild()) {
            f.defined = true;
            switch (c.name()) {
                case "name" -> f.name = c.text();
                case "pathurl" -> f.pathUrl = c.text();
                case "mediaSource" -> f.mediaSource = c.text();
                case "duration" -> f.duration = c.longOrWarn(-1, parsed.warnings::add);
                case "rate" -> f.rate = rateOrWarn("file '" + (f.name != null ? f.name : f.id) + "'");
                case "media" -> fileMedia(f);
                default -> other(true);
            }
        }
        if (f.defined && f.id != null) parsed.files.putIfAbsent(f.id, f);
        return f;
    }

    private void fileMedia(FileDraft f) throws XMLStreamException {
        while (c.nextChild()) {
            if ("audio".equals(c.name())) {
                fileAudio(f);
                continue;
            }
            if (!"video".equals(c.name())) {
                other(true);
                continue;
            }
            while (c.nextChild()) {
                switch (c.name()) {
                    case "duration" -> f.videoDuration = c.longOrWarn(-1, parsed.warnings::add);
                    case "stillframe" -> f.still |= c.booleanValue();
                    case "samplecharacteristics" -> {
                        while (c.nextChild()) {
                            switch (c.name()) {
                                case "width" -> f.width = size();
                                case "height" -> f.height = size();
                                default -> c.skip();
                            }
                        }
                    }
                    default -> other(true);
                }
            }
        }
    }

    /** One {@code <audio>} stream of a file: its {@code <channelcount>} (1 when not stated). */
    private void fileAudio(FileDraft f) throws XMLStreamException {
        int channels = 1;
        while (c.nextChild()) {
            if ("channelcount".equals(c.name())) channels = (int) Math.max(0, Math.min(64, c.longValue()));
            else other(true);
        }
        f.audioChannels += channels;
    }

    /** A frame size: the table does not use it, so a missing or broken one is a warning and 0. */
    private int size() throws XMLStreamException {
        long v = c.longOrWarn(0, parsed.warnings::add);
        return v >= 0 && v <= Integer.MAX_VALUE ? (int) v : 0;
    }

    /** Timebases above this are not frame rates any editor writes. */
    static final int MAX_TIMEBASE = 10_000;

    /** A {@code <rate>} as read: the rate, or null and what is wrong with it. */
    record RateRead(Rate rate, String problem) {}

    /** A {@code <rate>}; without a usable timebase, the problem names what was found ("<timebase> 0"). */
    private RateRead rate() throws XMLStreamException {
        Long timebase = null;
        boolean ntsc = false;
        while (c.nextChild()) {
            switch (c.name()) {
                case "timebase" -> timebase = Math.round(c.doubleValue());
                case "ntsc" -> ntsc = c.booleanValue();
                default -> c.skip();
            }
        }
        if (timebase == null) return new RateRead(null, "a <rate> without <timebase>");
        if (timebase <= 0) return new RateRead(null, "<timebase> " + timebase + " in its <rate>, which is no frame rate");
        if (timebase > MAX_TIMEBASE) {
            return new RateRead(null, "<timebase> " + timebase + " in its <rate>, above any frame rate (at most " + MAX_TIMEBASE + ")");
        }
        return new RateRead(new Rate(timebase.intValue(), ntsc), null);
    }

    /** The {@code <rate>} of {@code owner}, which may do without one: an unusable one is a warning and null. */
    private Rate rateOrWarn(String owner) throws XMLStreamException {
        int line = c.line();
        RateRead r = rate();
        if (r.problem() != null) {
            parsed.warnings.add(c.fileName() + ":" + line + ": " + owner + " has " + r.problem() + "; ignored (the sequence's rate is used)");
        }
        return r.rate();
    }
}
