package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import dev.autoeditor.timeline.XmlElement;
import dev.autoeditor.util.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link Project} as xmeml version 4 the way Premiere Pro exports it: {@code <!DOCTYPE xmeml>},
 * each top-level sequence at the root with its rate, frame size and video tracks; clip items with
 * their file (in full the first time, {@code <file id=".."/>} after), nested sequences defined in the
 * first clip that uses them and referenced by id after, multicam clips as {@code <multiclip>},
 * generators as {@code <generatoritem>}, Basic Motion and Crop filters (see {@link EffectWriter}) and
 * transition items with Premiere's {@code <cutPointTicks>}. {@link XmemlReader} reads the result back
 * into an equal project. UTF-8, "\n" line ends, no timestamps: equal projects give equal bytes.
 */
public final class XmemlWriter {

    /** Writes atomically: a temporary sibling, then a rename. The caller decides about overwriting. */
    public void write(Project project, Path target) throws IOException {
        AtomicFiles.writeStream(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            write(project, w);
            w.flush();
        });
    }

    /** The document as a string (tests, previews). */
    public String toXml(Project project) {
        StringWriter s = new StringWriter();
        try {
            write(project, s);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return s.toString();
    }

    public void write(Project project, Writer w) throws IOException {
        new Session(new XmlOut(w)).project(project);
    }

    /** One document's state: which files, sequences and multicam clips are already written in full. */
    private static final class Session {
        private final XmlOut x;
        private final Set<String> files = new HashSet<>();
        private final Set<String> sequences = new HashSet<>();
        private final Set<String> multiclips = new HashSet<>();

        Session(XmlOut x) {
            this.x = x;
        }

        void project(Project p) throws IOException {
            x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE xmeml>\n");
            x.open("xmeml", "version", "4");
            for (Sequence s : p.sequences()) sequence(s, s.id());
            x.close("xmeml");
        }

        private void sequence(Sequence s, String id) throws IOException {
            if (id != null) sequences.add(id);
            Places places = Places.of(s);
            x.open("sequence", "id", id);
            x.leaf("duration", s.declaredDuration());
            rate(s.rate());
            x.leaf("name", s.name());
            x.open("media");
            x.open("video");
            if (s.width() > 0 || s.height() > 0) {
                x.open("format");
                x.open("samplecharacteristics");
                rate(s.rate());
                x.leaf("width", s.width());
                x.leaf("height", s.height());
                x.leaf("anamorphic", false);
                x.leaf("pixelaspectratio", "square");
                x.leaf("fielddominance", "none");
                x.close("samplecharacteristics");
                x.close("format");
            }
            for (VideoTrack t : s.tracks()) track(t.items(), t.enabled(), false, s.rate(), places);
            x.close("video");
            if (!s.audioTracks().isEmpty()) {
                x.open("audio");
                // Premiere states the audio format of the sequence; 48 kHz 16-bit is what every real export has.
                x.open("format");
                x.open("samplecharacteristics");
                x.leaf("depth", 16);
                x.leaf("samplerate", 48000);
                x.close("samplecharacteristics");
                x.close("format");
                for (AudioTrack t : s.audioTracks()) track(t.items(), t.enabled(), true, s.rate(), places);
                x.close("audio");
            }
            x.close("media");
            // Premiere writes the sequence's starting timecode; a timeline starting at zero is the neutral one.
            x.open("timecode");
            rate(s.rate());
            x.leaf("string", "00:00:00:00");
            x.leaf("frame", 0);
            x.leaf("displayformat", "NDF");
            x.close("timecode");
            x.close("sequence");
        }

        private void track(List<TrackItem> items, boolean enabled, boolean audio, Rate rate, Places places)
                throws IOException {
            x.open("track");
            for (TrackItem item : items) {
                if (item instanceof Clip c) clip(c, rate, audio, places);
                else transition((Transition) item, rate, audio);
            }
            x.leaf("enabled", enabled);
            x.leaf("locked", false);
            x.close("track");
        }

        /**
         * A clip item in the order Premiere writes its children: master clip, name, enabled, duration
         * (of the source, in the sequence's frames), rate, start/end/in/out, source, source track
         * (audio), filters, links.
         */
        private void clip(Clip c, Rate rate, boolean audio, Places places) throws IOException {
            String element = c.source() instanceof Source.Generator ? "generatoritem" : "clipitem";
            x.open(element, "id", c.id());
            x.leaf("masterclipid", c.masterclipId());
            x.leaf("name", c.name());
            x.leaf("enabled", c.enabled());
            x.leaf("duration", sourceDuration(c.source(), rate));
            rate(rate);
            x.leaf("start", c.start());
            x.leaf("end", c.end());
            x.leaf("in", c.in());
            x.leaf("out", c.out());
            source(c.source());
            if (audio && c.sourceTrack() > 0) {
                x.open("sourcetrack");
                x.leaf("mediatype", "audio");
                x.leaf("trackindex", c.sourceTrack());
                x.close("sourcetrack");
            }
            if (c.keptFilters().isEmpty()) EffectWriter.filters(x, c);
            else for (XmlElement f : c.keptFilters()) x.element(f);
            for (String target : c.links()) link(target, places);
            x.close(element);
        }

        /** A {@code <link>} to the item with id {@code target}, at its place in the sequence being written. */
        private void link(String target, Places places) throws IOException {
            Places.Place p = places.of(target);
            if (p == null) return; // names no item of this sequence: EditCheck reports such a model
            x.open("link");
            x.leaf("linkclipref", target);
            x.leaf("mediatype", p.audio() ? "audio" : "video");
            x.leaf("trackindex", p.track());
            x.leaf("clipindex", p.item());
            if (p.audio()) x.leaf("groupindex", 1);
            x.close("link");
        }

        private void source(Source source) throws IOException {
            if (source instanceof Source.File f) {
                file(f);
            } else if (source instanceof Source.Nested n) {
                if (n.id() != null && sequences.contains(n.id())) x.empty("sequence", "id", n.id());
                else sequence(n.sequence(), n.id());
            } else if (source instanceof Source.Multicam m) {
                if (!multiclips.add(m.id())) {
                    x.empty("multiclip", "id", m.id());
                } else {
                    x.open("multiclip", "id", m.id());
                    x.leaf("name", m.name());
                    x.close("multiclip");
                }
            } else if (source instanceof Source.Generator g) {
                EffectWriter.openEffect(x, g.name(), g.effectId(), "Matte", "generator");
                x.close("effect");
            }
        }

        private void file(Source.File f) throws IOException {
            // A file without an id (some FCP7 exports) cannot be referred to: it is written in full each time.
            boolean identified = f.id() != null && !f.id().isEmpty();
            if (identified && !files.add(f.id())) {
                x.empty("file", "id", f.id());
                return;
            }
            x.open("file", "id", identified ? f.id() : null);
            x.leaf("name", f.name());
            x.leaf("pathurl", f.pathUrl());
            rate(f.rate());
            x.leaf("duration", f.durationFrames());
            x.open("media");
            // A file with audio and no frame size is an audio file (music, a voice-over): no video stream.
            boolean video = f.width() > 0 || f.height() > 0 || f.still() || f.audioChannels() == 0;
            if (video) {
                x.open("video");
                if (f.still()) x.leaf("stillframe", true);
                x.open("samplecharacteristics");
                rate(f.rate());
                if (f.width() > 0) x.leaf("width", f.width());
                if (f.height() > 0) x.leaf("height", f.height());
                x.close("samplecharacteristics");
                x.close("video");
            }
            if (f.audioChannels() > 0) {
                x.open("audio");
                x.open("samplecharacteristics");
                x.leaf("depth", 16);
                x.leaf("samplerate", 48000);
                x.close("samplecharacteristics");
                x.leaf("channelcount", f.audioChannels());
                x.close("audio");
            }
            x.close("media");
            x.close("file");
        }

        private void transition(Transition t, Rate rate, boolean audio) throws IOException {
            x.open("transitionitem");
            x.leaf("start", t.start());
            x.leaf("end", t.end());
            x.leaf("alignment", t.alignment().xml());
            if (t.cutPoint() >= 0) x.leaf("cutPointTicks", ticks(t.cutPoint(), rate));
            rate(rate);
            EffectWriter.openEffect(x, t.name(), t.effectId(), audio ? "Crossfade" : "Dissolve", "transition",
                    audio ? "audio" : "video");
            x.close("effect");
            x.close("transitionitem");
        }

        private void rate(Rate r) throws IOException {
            if (r == null) return;
            x.open("rate");
            x.leaf("timebase", r.timebase());
            x.leaf("ntsc", r.ntsc());
            x.close("rate");
        }
    }

    /** Frames to Premiere ticks, exactly: frames x TPS x den / num, rounded to the nearest tick. */
    static long ticks(long frames, Rate rate) {
        BigInteger num = BigInteger.valueOf(frames).multiply(BigInteger.valueOf(ModelBuilder.TICKS_PER_SECOND))
                .multiply(BigInteger.valueOf(rate.fpsDenominator()));
        BigInteger den = BigInteger.valueOf(rate.fpsNumerator());
        return num.add(den.shiftRight(1)).divide(den).longValueExact();
    }

    /**
     * A clip item's {@code <duration>}: its source's length in the clip's (the sequence's) frames, as
     * Premiere writes it (a 4322-frame 29.97 fps file in a 25 fps sequence: 3606).
     */
    private static long sourceDuration(Source s, Rate rate) {
        if (s instanceof Source.File f) return f.rate() == null ? f.durationFrames() : f.rate().convert(f.durationFrames(), rate);
        if (s instanceof Source.Nested n) return n.sequence().rate().convert(n.sequence().lengthFrames(), rate);
        return 0;
    }

}
