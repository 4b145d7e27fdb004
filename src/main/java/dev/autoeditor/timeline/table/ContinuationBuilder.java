package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Param;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Frames in, edit out: the inverse of the keyframe table for a continuation. Each generated frame
 * (180 values in the table's units: per video track active, asset in the edit's numbering, scale,
 * pos_x, pos_y, crop_left/right/top/bottom) is placed through the {@link SourceCursor} the generation
 * loop consults; {@link #build()} then writes the cut prompt followed by one clip item per run of
 * frames showing the same source on a track, at the sequence's own rate (NTSC included), in/out where
 * the cursor put them, Basic Motion and Crop as keyframes only where values move (the fewest linear
 * segments within {@link KeyframeTolerance}, {@code <when>} on the source axis), and each video clip's
 * audio on audio tracks, linked to it as Premiere links them.
 *
 * <p>Converting the written edit at the prompt's sampling gives back the frames placed here: active
 * and asset exactly, the regressions within the tolerance (plus print rounding). Inactive tracks must
 * carry asset -1 and zeros, as the table writes them.
 */
public final class ContinuationBuilder {
    private static final int F = KeyframeTable.FIELDS;
    private static final int R = KeyframeTable.FIELDS - 2;

    private final PromptCut cut;
    private final KeyframeTolerance tolerance;
    private final SourceCursor cursor;
    private final List<double[]> rows = new ArrayList<>();
    private final double[] staging = new double[KeyframeTable.VALUES];
    private boolean staged;

    private ContinuationBuilder(PromptCut cut, KeyframeTolerance tolerance) {
        this.cut = cut;
        this.tolerance = tolerance;
        this.cursor = SourceCursor.of(cut);
        clearStaging();
    }

    public static ContinuationBuilder of(PromptCut cut, KeyframeTolerance tolerance) {
        return new ContinuationBuilder(cut, tolerance);
    }

    /** The cursor to consult before placing a track (same instance throughout). */
    public SourceCursor cursor() {
        return cursor;
    }

    public PromptCut cut() {
        return cut;
    }

    /**
     * Whether anything placed on video track {@code track} (0-based) can show: false for a track the
     * prompt has disabled (the loop keeps it inactive), true for the prompt's other tracks and new ones.
     */
    public boolean trackEnabled(int track) {
        List<VideoTrack> tracks = cut.cut().tracks();
        return track >= tracks.size() || tracks.get(track).enabled();
    }

    /** The absolute sample index the current frame fills. */
    public long sample() {
        return cursor.sample();
    }

    /**
     * Places video track {@code track} (0-based; tracks in increasing order within a frame) on the
     * current frame: {@code asset} (-1 for nothing; {@link SourceCursor#assetCount()} for the next
     * unused source) with the 7 regression values in original units (ignored when inactive).
     */
    public void placeTrack(int track, int asset, double[] regressions) {
        checkTrack(track, asset);
        int base = track * F;
        if (asset < 0) {
            cursor.place(track, -1);
            staging[base + KeyframeTable.ASSET] = -1;
            staged = true;
            return;
        }
        if (regressions.length != R) throw new IllegalArgumentException("need " + R + " regression values, got " + regressions.length);
        for (int f = 0; f < R; f++) {
            if (!FieldLimits.valid(f, regressions[f])) {
                throw new IllegalArgumentException("sample " + cursor.sample() + ", V" + (track + 1) + ": " + FieldLimits.name(f)
                        + " = " + regressions[f] + " is outside [" + FieldLimits.min(f) + ", " + FieldLimits.max(f)
                        + "]; clamp it (FieldLimits.clamp)");
            }
        }
        cursor.place(track, asset);
        staging[base + KeyframeTable.ACTIVE] = 1;
        staging[base + KeyframeTable.ASSET] = asset;
        System.arraycopy(regressions, 0, staging, base + KeyframeTable.SCALE, R);
        staged = true;
    }

    /** Ends the current frame (unplaced tracks show nothing) and returns it as recorded (a copy). */
    public double[] endFrame() {
        cursor.endSample();
        double[] row = staging.clone();
        rows.add(row);
        clearStaging();
        return row.clone();
    }

    /**
     * Places a whole frame (180 values). Active must be 0 or 1; an inactive track must carry asset -1
     * and zeros, an active one an integral asset.
     */
    public void append(double[] row) {
        if (row.length != KeyframeTable.VALUES) throw new IllegalArgumentException("a frame has " + KeyframeTable.VALUES + " values, got " + row.length);
        if (staged) throw new IllegalStateException("a frame is half placed; end it with endFrame() first");
        double[] regressions = new double[R];
        for (int k = 0; k < KeyframeTable.TRACKS; k++) {
            int base = k * F;
            double active = row[base + KeyframeTable.ACTIVE];
            double asset = row[base + KeyframeTable.ASSET];
            if (active == 0) {
                for (int f = 0; f < R; f++) {
                    if (row[base + 2 + f] != 0) throw notTable(k, "is inactive but " + FieldLimits.name(f) + " = " + row[base + 2 + f]);
                }
                if (asset != -1) throw notTable(k, "is inactive but its asset is " + asset);
                continue;
            }
            if (active != 1) throw notTable(k, "has active = " + active);
            if (asset != Math.rint(asset) || asset < 0) throw notTable(k, "has asset " + asset);
            System.arraycopy(row, base + 2, regressions, 0, R);
            placeTrack(k, (int) asset, regressions);
        }
        endFrame();
    }

    /** The frames placed so far, in order (copies): what converting the edit gives back. */
    public List<double[]> frames() {
        List<double[]> out = new ArrayList<>(rows.size());
        for (double[] r : rows) out.add(r.clone());
        return out;
    }

    /**
     * Streams the placed frames with their timeline frame and time, in the form {@code convert} writes
     * (for a CSV: {@code new KeyframeCsv(writer).rowsOf(project, sequence)}); returns how many.
     */
    public long writeFrames(RowConsumer consumer) throws java.io.IOException {
        for (int j = 0; j < rows.size(); j++) {
            long frame = cut.frameOfSample(cut.firstSample() + j);
            consumer.accept(frame, cut.cut().rate().seconds(frame), rows.get(j).clone());
        }
        return rows.size();
    }

    /** The edit: the cut prompt and the clips of every frame placed so far, with audio and links. */
    public Sequence build() {
        if (staged) throw new IllegalStateException("a frame is half placed; end it with endFrame() first");
        Sequence base = cut.cut();
        Ids ids = new Ids(cut);
        Prompt prompt = Prompt.of(cut.original());
        List<SourceCursor.Run> runs = new ArrayList<>(cursor.runs());
        runs.sort(Comparator.comparingLong(SourceCursor.Run::firstSample).thenComparingInt(SourceCursor.Run::track));
        int videoCount = base.tracks().size();
        for (SourceCursor.Run r : runs) videoCount = Math.max(videoCount, r.track() + 1);
        List<List<TrackItem>> video = new ArrayList<>();
        for (int k = 0; k < videoCount; k++) video.add(new ArrayList<>(k < base.tracks().size() ? base.tracks().get(k).items() : List.of()));
        List<List<TrackItem>> audio = new ArrayList<>();
        List<Boolean> audioEnabled = new ArrayList<>();
        for (AudioTrack t : base.audioTracks()) {
            audio.add(new ArrayList<>(t.items()));
            audioEnabled.add(t.enabled());
        }
        AudioAllocator allocator = new AudioAllocator(audioEnabled);
        for (SourceCursor.Run r : runs) {
            Source source = cursor.sources().get(r.asset());
            long start = cut.frameOfSample(r.firstSample());
            long end = cut.frameOfSample(r.endSample());
            long in = r.in();
            long out = in + (end - start);
            String videoId = ids.next();
            List<int[]> layout = prompt.audioLayout(source);
            List<String> links = new ArrayList<>();
            List<Clip> audioClips = new ArrayList<>();
            if (!layout.isEmpty()) {
                links.add(videoId);
                int[] tracks = allocator.place(layout, start, end);
                for (int c = 0; c < layout.size(); c++) {
                    String id = ids.next();
                    links.add(id);
                    audioClips.add(new Clip(id, prompt.name(source), true, start, end, in, out, source, Motion.IDENTITY,
                            Crop.NONE, Set.of(), prompt.masterclip(source), layout.get(c)[1], List.of(), List.of()));
                    while (audio.size() <= tracks[c]) audio.add(new ArrayList<>());
                }
                for (int c = 0; c < audioClips.size(); c++) audio.get(tracks[c]).add(audioClips.get(c).withLinks(links));
            }
            Clip clip = new Clip(videoId, prompt.name(source), true, start, end, in, out, source, motion(r), crop(r), Set.of(),
                    prompt.masterclip(source), 0, links, List.of());
            video.get(r.track()).add(clip);
        }
        List<VideoTrack> videoTracks = new ArrayList<>();
        for (int k = 0; k < video.size(); k++) {
            boolean enabled = k >= base.tracks().size() || base.tracks().get(k).enabled();
            videoTracks.add(new VideoTrack(enabled, video.get(k)));
        }
        List<AudioTrack> audioTracks = new ArrayList<>();
        // Runs are taken in order of start, so every track's generated items follow the cut's in time order.
        for (int t = 0; t < audio.size(); t++) {
            audioTracks.add(new AudioTrack(t >= audioEnabled.size() || audioEnabled.get(t), audio.get(t)));
        }
        Sequence edit = base.withTracks(videoTracks, audioTracks);
        return edit.withDeclaredDuration(PromptCut.end(edit));
    }

    /** The edit as a project of one sequence, named like the prompt's project. */
    public Project buildProject() {
        return new Project(cut.project().name(), List.of(build()));
    }

    private Motion motion(SourceCursor.Run r) {
        Param scale = fit(r, 0);
        Param x = fit(r, 1);
        Param y = fit(r, 2);
        Motion m = new Motion(scale, x, y);
        return m.equals(Motion.IDENTITY) ? Motion.IDENTITY : m;
    }

    private Crop crop(SourceCursor.Run r) {
        Crop c = new Crop(fit(r, 3), fit(r, 4), fit(r, 5), fit(r, 6));
        return c.equals(Crop.NONE) ? Crop.NONE : c;
    }

    /** Regression field {@code field} of a run's frames, keyed on the source axis: in + (frame - start). */
    private Param fit(SourceCursor.Run r, int field) {
        int n = (int) (r.endSample() - r.firstSample());
        double[] whens = new double[n];
        double[] values = new double[n];
        long start = cut.frameOfSample(r.firstSample());
        for (int i = 0; i < n; i++) {
            long s = r.firstSample() + i;
            whens[i] = r.in() + (cut.frameOfSample(s) - start);
            values[i] = rows.get((int) (s - cut.firstSample()))[r.track() * F + 2 + field];
        }
        return KeyframeFit.fit(whens, values, tolerance.of(field));
    }

    private void checkTrack(int track, int asset) {
        if (track < 0 || track >= KeyframeTable.TRACKS) throw new IllegalArgumentException("track " + (track + 1) + " is not V1-V20");
        if (asset >= 0 && !trackEnabled(track)) {
            throw new IllegalArgumentException("sample " + cursor.sample() + ": V" + (track + 1) + " is disabled in the prompt;"
                    + " nothing on it would show (keep the track inactive)");
        }
    }

    private IllegalArgumentException notTable(int track, String what) {
        return new IllegalArgumentException("sample " + cursor.sample() + ", V" + (track + 1) + " " + what
                + "; frames carry active 0/1, an integral asset, and asset -1 with zeros where inactive");
    }

    private void clearStaging() {
        Arrays.fill(staging, 0);
        for (int k = 0; k < KeyframeTable.TRACKS; k++) staging[k * F + KeyframeTable.ASSET] = -1;
        staged = false;
    }

    /** Clip ids no item of the prompt's project uses: clipitem-N after the largest N in use. */
    private static final class Ids {
        private final Set<String> used = new HashSet<>();
        private long next = 1;

        Ids(PromptCut cut) {
            for (Sequence s : cut.project().sequences()) collect(s);
            collect(cut.original());
            for (String id : used) {
                if (id.startsWith("clipitem-")) {
                    try {
                        next = Math.max(next, Long.parseLong(id.substring(9)) + 1);
                    } catch (NumberFormatException e) {
                        // not of Premiere's form: only avoided, not counted
                    }
                }
            }
        }

        private void collect(Sequence s) {
            List<List<TrackItem>> tracks = new ArrayList<>();
            for (VideoTrack t : s.tracks()) tracks.add(t.items());
            for (AudioTrack t : s.audioTracks()) tracks.add(t.items());
            for (List<TrackItem> items : tracks) {
                for (TrackItem i : items) {
                    if (!(i instanceof Clip c)) continue;
                    if (c.id() != null) used.add(c.id());
                    if (c.source() instanceof Source.Nested n) collect(n.sequence());
                }
            }
        }

        String next() {
            String id;
            do {
                id = "clipitem-" + next++;
            } while (!used.add(id));
            return id;
        }
    }

    /**
     * What the prompt says about each source: the clip name and master clip its editor used, and
     * how its video clips carried audio (which audio tracks, which source channels).
     */
    private static final class Prompt {
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, String> masterclips = new HashMap<>();
        private final Map<String, List<int[]>> layouts = new HashMap<>();

        static Prompt of(Sequence original) {
            Prompt p = new Prompt();
            Map<String, int[]> audioPlace = new HashMap<>();
            for (int t = 0; t < original.audioTracks().size(); t++) {
                for (PlacedClip pc : original.audioTracks().get(t).placedClips()) {
                    Clip c = pc.clip();
                    if (c.id() != null) audioPlace.put(c.id(), new int[] {t, c.sourceTrack()});
                    if (c.masterclipId() != null) p.masterclips.putIfAbsent(c.source().key(), c.masterclipId());
                }
            }
            // A source heard on audio tracks but never linked: its channels as last heard, on the tracks they were on.
            Map<String, Map<Integer, Integer>> heard = new HashMap<>();
            for (int t = 0; t < original.audioTracks().size(); t++) {
                for (PlacedClip pc : original.audioTracks().get(t).placedClips()) {
                    heard.computeIfAbsent(pc.clip().source().key(), k -> new java.util.TreeMap<>())
                            .put(Math.max(1, pc.clip().sourceTrack()), t);
                }
            }
            heard.forEach((key, channels) -> {
                List<int[]> layout = new ArrayList<>();
                channels.forEach((channel, track) -> {
                    if (layout.size() < 2) layout.add(new int[] {track, channel});
                });
                p.layouts.put(key, layout);
            });
            // Video clips in timeline order: the last one of a source sets its name, master clip and audio layout.
            List<PlacedClip> clips = new ArrayList<>();
            for (VideoTrack t : original.tracks()) clips.addAll(t.placedClips());
            clips.sort(Comparator.comparingLong(PlacedClip::start));
            for (PlacedClip pc : clips) {
                Clip c = pc.clip();
                String key = c.source().key();
                if (c.name() != null) p.names.put(key, c.name());
                if (c.masterclipId() != null) p.masterclips.put(key, c.masterclipId());
                List<int[]> layout = new ArrayList<>();
                for (String id : c.links()) {
                    int[] place = audioPlace.get(id);
                    if (place != null) layout.add(new int[] {place[0], place[1]});
                }
                if (!layout.isEmpty()) {
                    layout.sort(Comparator.comparingInt((int[] a) -> a[0]));
                    for (int i = 0; i < layout.size(); i++) if (layout.get(i)[1] <= 0) layout.get(i)[1] = i + 1;
                    p.layouts.put(key, layout);
                }
            }
            return p;
        }

        String name(Source s) {
            String n = names.get(s.key());
            if (n != null) return n;
            if (s instanceof Source.File f) return f.name();
            if (s instanceof Source.Nested n2) return n2.name();
            if (s instanceof Source.Multicam m) return m.name();
            return ((Source.Generator) s).name();
        }

        String masterclip(Source s) {
            return masterclips.get(s.key());
        }

        /**
         * Per audio clip a video clip of {@code s} brings: {preferred audio track (0-based), source
         * channel}. The prompt's last video clip of it with linked audio; else the channels the prompt
         * plays it on (at most two); else a file's first two channels on A1 and A2; else none.
         */
        List<int[]> audioLayout(Source s) {
            List<int[]> known = layouts.get(s.key());
            if (known != null) return known;
            if (s instanceof Source.File f && f.audioChannels() > 0) {
                List<int[]> layout = new ArrayList<>();
                for (int c = 0; c < Math.min(2, f.audioChannels()); c++) layout.add(new int[] {c, c + 1});
                return layout;
            }
            return List.of();
        }
    }

    /**
     * Puts each generated clip's audio on audio tracks without overlap: the track its layout prefers
     * when that track is enabled and free over the clip's span, else the lowest such track, adding
     * tracks as needed. The prompt's audio all ends by the cut, so only generated audio can collide.
     */
    private static final class AudioAllocator {
        private final List<Boolean> enabled;
        private final List<List<long[]>> busy = new ArrayList<>();

        AudioAllocator(List<Boolean> enabled) {
            this.enabled = new ArrayList<>(enabled);
        }

        int[] place(List<int[]> layout, long start, long end) {
            int[] chosen = new int[layout.size()];
            Set<Integer> taken = new HashSet<>();
            for (int c = 0; c < layout.size(); c++) {
                int preferred = layout.get(c)[0];
                int track = free(preferred, start, end) && !taken.contains(preferred) ? preferred : -1;
                for (int t = 0; track < 0; t++) if (!taken.contains(t) && free(t, start, end)) track = t;
                taken.add(track);
                chosen[c] = track;
                while (busy.size() <= track) busy.add(new ArrayList<>());
                while (enabled.size() <= track) enabled.add(Boolean.TRUE);
                busy.get(track).add(new long[] {start, end});
            }
            return chosen;
        }

        private boolean free(int track, long start, long end) {
            if (track < enabled.size() && !enabled.get(track)) return false;
            if (track >= busy.size()) return true;
            for (long[] span : busy.get(track)) if (span[0] < end && start < span[1]) return false;
            return true;
        }
    }
}
