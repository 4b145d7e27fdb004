package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.Source;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Where each source of a continuation stands, sample by sample: which sources exist and their asset
 * numbers, how far into each the edit has played, and when each was last on screen. The generation
 * loop asks it which source a new class takes, how many frames a source has left and where a track
 * must cut; {@link ContinuationBuilder} places the frames through it, so the frames the loop records
 * and the clips written agree.
 *
 * <p>Rules (issue 11):
 * <ul>
 *   <li>Numbers: the cut prompt's sources keep their numbers ({@link PromptCut#numbering()}); a source
 *       first used in the continuation takes the next number when it is first placed, so the numbers
 *       are the edit's own first-use numbering, as {@code convert} gives it back.</li>
 *   <li>A source continues from its last out point: a clip that starts showing a source takes its in
 *       point where that source's last clip (prompt or generated) ended.</li>
 *   <li>A source runs out at its length (a file's duration at the sequence's rate; stills and
 *       generators about 12 hours; a nested sequence its length): a track whose source cannot cover
 *       the next sample must cut, to the least recently used other source ({@link #forcedCutFrom}).</li>
 *   <li>A new class (an asset the context has not seen) takes the next unused source: the prompt
 *       sequence's sources in its order of first use that the cut does not use (starting where the
 *       prompt first used them), then the project's other files with video and a path (from the
 *       start), then the least recently used source the context does not show.</li>
 * </ul>
 * All calls refer to the current sample ({@link #sample()}): place tracks in increasing order with
 * {@link #place}, then {@link #endSample()}.
 */
public final class SourceCursor {
    /** A source in play or waiting: its length and where the edit stands in it. */
    private static final class State {
        final Source source;
        final long length;
        long position;
        long lastUse;

        State(Source source, long length, long position, long lastUse) {
            this.source = source;
            this.length = length;
            this.position = position;
            this.lastUse = lastUse;
        }
    }

    /**
     * One generated clip: track k (0-based) shows {@code asset} from sample {@code firstSample} to
     * {@code endSample} (exclusive), starting at source frame {@code in}.
     */
    public record Run(int track, int asset, long firstSample, long endSample, long in) {}

    /** Premiere's virtual length of a still, and the length given to generators: 12 hours. */
    static final double STILL_SECONDS = 12 * 3600;

    private final FrameSampler grid;
    private final Rate rate;
    private final List<State> numbered = new ArrayList<>();
    private final Map<String, Integer> numberByKey = new HashMap<>();
    private final Deque<State> unused = new ArrayDeque<>();
    private final int[] runIndex = new int[KeyframeTable.TRACKS];
    private final boolean[] placed = new boolean[KeyframeTable.TRACKS];
    private final int[] placedAsset = new int[KeyframeTable.TRACKS];
    private final List<long[]> runs = new ArrayList<>();
    private long sample;
    private int lastPlacedTrack = -1;
    private int forcedCuts;

    private SourceCursor(FrameSampler grid, Rate rate, long firstSample) {
        this.grid = grid;
        this.rate = rate;
        this.sample = firstSample;
        Arrays.fill(runIndex, -1);
        Arrays.fill(placedAsset, -1);
    }

    /** The cursor at the first generated sample of {@code cut}. */
    public static SourceCursor of(PromptCut cut) {
        Sequence seq = cut.cut();
        SourceCursor c = new SourceCursor(cut.grid(), seq.rate(), cut.firstSample());
        Map<String, Long> maxOut = new HashMap<>();
        maxOut(seq, maxOut);
        AssetNumbering numbering = cut.numbering();
        // The cut's sources: their last visible clip gives the out point and the time of last use.
        Map<String, long[]> last = lastUses(seq);
        for (Source s : numbering.sources()) {
            long[] use = last.get(s.key());
            c.number(new State(s, c.length(s, maxOut), use[1], use[0]));
        }
        // Waiting: the prompt's later sources, in its order of first use, from where it first used them.
        Map<String, Long> firstIn = firstInPoints(cut.original());
        for (Source s : AssetNumbering.of(cut.original(), KeyframeTable.TRACKS).sources()) {
            if (c.numberByKey.containsKey(s.key())) continue;
            c.unused.addLast(new State(s, c.length(s, maxOut), firstIn.getOrDefault(s.key(), 0L), Long.MIN_VALUE));
        }
        // Then the project's other files that have video and a path, in document order.
        Map<String, Source.File> others = new LinkedHashMap<>();
        for (Sequence s : cut.project().sequences()) collectFiles(s, others);
        for (Source.File f : others.values()) {
            if (c.numberByKey.containsKey(f.key()) || c.waiting(f.key()) || f.pathUrl() == null || !mayShowVideo(f)) continue;
            c.unused.addLast(new State(f, c.length(f, maxOut), 0, Long.MIN_VALUE));
        }
        return c;
    }

    /** The sample the next placements belong to. */
    public long sample() {
        return sample;
    }

    /** How many sources have numbers: the valid assets are 0 .. assetCount() - 1. */
    public int assetCount() {
        return numbered.size();
    }

    /**
     * The source of {@code asset}: a numbered one, or for {@code assetCount()} the unused source that
     * number would take if placed now (null when none is left).
     */
    public Source source(int asset) {
        if (asset >= 0 && asset < numbered.size()) return numbered.get(asset).source;
        if (asset == numbered.size()) {
            State next = nextUnused();
            return next == null ? null : next.source;
        }
        throw new IndexOutOfBoundsException("asset " + asset + " of " + numbered.size());
    }

    /** The source's length in sequence frames (stills and generators: 12 hours). */
    public long length(int asset) {
        return state(asset).length;
    }

    /** Frames the current sample spans on the timeline. */
    public long sampleFrames() {
        return grid.frameAt(sample + 1) - grid.frameAt(sample);
    }

    /**
     * Frames {@code asset} has left for track {@code track} (0-based): from the track's running clip
     * when it shows that source, else from the source's last out point. Never negative.
     */
    public long framesLeft(int asset, int track) {
        State s = state(asset);
        return Math.max(0, s.length - startPoint(asset, track));
    }

    /** Whether {@code asset} cannot cover the current sample on {@code track}: the track must cut. */
    public boolean runsOut(int asset, int track) {
        return framesLeft(asset, track) < sampleFrames();
    }

    /**
     * The asset a new class takes on {@code track}: the number of the next unused source (that is
     * {@link #assetCount()}) while one is left, else the least recently used numbered source that
     * {@code inContext} does not name, that no lower track shows in this sample and that can cover
     * the sample; -1 when there is none (the track stays dark).
     */
    public int sourceForNewClass(IntPredicate inContext, int track) {
        if (nextUnused() != null) return numbered.size();
        return leastRecentlyUsed(a -> !inContext.test(a), track);
    }

    /**
     * Where a track cuts when {@code asset} runs out: the least recently used other numbered source
     * that can cover the sample (and no lower track shows now), else the next unused source, else -1.
     * Counted as a forced cut.
     */
    public int forcedCutFrom(int asset, int track) {
        forcedCuts++;
        int other = leastRecentlyUsed(a -> a != asset, track);
        if (other >= 0) return other;
        return nextUnused() != null ? numbered.size() : -1;
    }

    /** Forced cuts asked for so far. */
    public int forcedCuts() {
        return forcedCuts;
    }

    /**
     * Places track {@code track} (0-based, increasing within a sample) on the current sample: showing
     * {@code asset}, or nothing with -1. Placing {@link #assetCount()} numbers the next unused source.
     * Throws when the asset does not exist or cannot cover the sample.
     */
    public void place(int track, int asset) {
        if (track <= lastPlacedTrack || track >= KeyframeTable.TRACKS) {
            throw new IllegalArgumentException("track " + (track + 1) + " placed out of order in sample " + sample);
        }
        lastPlacedTrack = track;
        if (asset < 0) {
            runIndex[track] = -1;
            return;
        }
        if (asset > numbered.size() || (asset == numbered.size() && nextUnused() == null)) {
            throw new IllegalArgumentException("sample " + sample + ", V" + (track + 1) + ": asset " + asset
                    + " does not exist (" + numbered.size() + " numbered, " + (nextUnused() == null ? "none" : "more")
                    + " unused); a new source takes number " + numbered.size());
        }
        if (asset == numbered.size()) number(unused.removeFirst());
        if (runsOut(asset, track)) {
            throw new IllegalArgumentException("sample " + sample + ", V" + (track + 1) + ": " + describe(asset) + " has "
                    + framesLeft(asset, track) + " frame(s) left and the sample spans " + sampleFrames()
                    + "; the loop must cut (SourceCursor.forcedCutFrom)");
        }
        State s = numbered.get(asset);
        long frames = sampleFrames();
        int r = runIndex[track];
        if (r >= 0 && runs.get(r)[1] == asset && runs.get(r)[3] == sample) {
            runs.get(r)[3] = sample + 1;
        } else {
            runs.add(new long[] {track, asset, sample, sample + 1, s.position});
            runIndex[track] = runs.size() - 1;
            r = runIndex[track];
        }
        long[] run = runs.get(r);
        s.position = run[4] + (grid.frameAt(run[3]) - grid.frameAt(run[2]));
        s.lastUse = grid.frameAt(sample) + frames;
        placed[track] = true;
        placedAsset[track] = asset;
    }

    /** Ends the current sample: tracks not placed show nothing; the next sample begins. */
    public void endSample() {
        for (int k = 0; k < KeyframeTable.TRACKS; k++) {
            if (!placed[k]) runIndex[k] = -1;
            placed[k] = false;
            placedAsset[k] = -1;
        }
        lastPlacedTrack = -1;
        sample++;
    }

    /** Every generated clip so far, in the order they began (sample, then track). */
    public List<Run> runs() {
        List<Run> out = new ArrayList<>(runs.size());
        for (long[] r : runs) out.add(new Run((int) r[0], (int) r[1], r[2], r[3], r[4]));
        return Collections.unmodifiableList(out);
    }

    /** The numbered sources in number order (the edit's asset numbering so far). */
    public List<Source> sources() {
        List<Source> out = new ArrayList<>(numbered.size());
        for (State s : numbered) out.add(s.source);
        return Collections.unmodifiableList(out);
    }

    private long startPoint(int asset, int track) {
        int r = track >= 0 && track < runIndex.length ? runIndex[track] : -1;
        if (r >= 0) {
            long[] run = runs.get(r);
            if (run[1] == asset && run[3] == sample) return run[4] + (grid.frameAt(run[3]) - grid.frameAt(run[2]));
        }
        return state(asset).position;
    }

    private State state(int asset) {
        if (asset >= 0 && asset < numbered.size()) return numbered.get(asset);
        if (asset == numbered.size()) {
            State next = nextUnused();
            if (next != null) return next;
        }
        throw new IndexOutOfBoundsException("asset " + asset + " of " + numbered.size());
    }

    /** The first waiting source that can cover a sample; waiting sources too short for one are dropped. */
    private State nextUnused() {
        while (!unused.isEmpty() && unused.peekFirst().length - unused.peekFirst().position < sampleFrames()) {
            unused.removeFirst();
        }
        return unused.peekFirst();
    }

    private boolean waiting(String key) {
        for (State s : unused) if (s.source.key().equals(key)) return true;
        return false;
    }

    private int leastRecentlyUsed(IntPredicate allowed, int track) {
        int best = -1;
        for (int a = 0; a < numbered.size(); a++) {
            if (!allowed.test(a) || shownBelow(a, track) || runsOut(a, track)) continue;
            if (best < 0 || numbered.get(a).lastUse < numbered.get(best).lastUse) best = a;
        }
        return best;
    }

    private boolean shownBelow(int asset, int track) {
        for (int k = 0; k < Math.min(track, placedAsset.length); k++) if (placed[k] && placedAsset[k] == asset) return true;
        return false;
    }

    private void number(State s) {
        numberByKey.put(s.source.key(), numbered.size());
        numbered.add(s);
    }

    private String describe(int asset) {
        Source s = numbered.get(asset).source;
        return "asset " + asset + " (" + s.key() + ")";
    }

    /**
     * A source's length at the sequence's rate: a still or generator 12 hours (or a still's longer
     * stated length), else its stated length, but never less than the cut's own clips of it reach
     * (real exports use frames past a file's stated duration; EditCheck allows the same).
     */
    private long length(Source s, Map<String, Long> reach) {
        long virtual = Math.round(STILL_SECONDS * rate.fps());
        if (s instanceof Source.Generator) return virtual;
        if (s instanceof Source.File f && f.still()) {
            return Math.max(virtual, f.rate() == null ? f.durationFrames() : f.rate().convert(f.durationFrames(), rate));
        }
        return Math.max(EditCheck.sourceLength(s, rate), reach.getOrDefault(s.key(), 0L));
    }

    /** A file that may have pictures: a frame size, a still, or no audio stream declared either. */
    static boolean mayShowVideo(Source.File f) {
        return f.width() > 0 || f.height() > 0 || f.still() || f.audioChannels() == 0;
    }

    /** Per source key: {timeline end, out point} of its visible clip on tracks 1-20 that ends last. */
    private static Map<String, long[]> lastUses(Sequence s) {
        Map<String, long[]> last = new HashMap<>();
        for (int k = 0; k < Math.min(KeyframeTable.TRACKS, s.tracks().size()); k++) {
            VideoTrack t = s.tracks().get(k);
            if (!t.enabled()) continue;
            for (PlacedClip p : t.placedClips()) {
                if (!p.clip().enabled()) continue;
                long[] use = last.computeIfAbsent(p.clip().source().key(), key -> new long[] {Long.MIN_VALUE, 0});
                if (p.end() > use[0] || (p.end() == use[0] && p.clip().out() > use[1])) {
                    use[0] = p.end();
                    use[1] = p.clip().out();
                }
            }
        }
        return last;
    }

    /** Per source key: the in point of its first use in the numbering's order. */
    private static Map<String, Long> firstInPoints(Sequence s) {
        Map<String, long[]> first = new HashMap<>();
        for (int k = 0; k < Math.min(KeyframeTable.TRACKS, s.tracks().size()); k++) {
            VideoTrack t = s.tracks().get(k);
            if (!t.enabled()) continue;
            for (PlacedClip p : t.placedClips()) {
                if (!p.clip().enabled()) continue;
                long[] use = first.computeIfAbsent(p.clip().source().key(), key -> new long[] {Long.MAX_VALUE, 0});
                if (p.start() < use[0]) {
                    use[0] = p.start();
                    use[1] = p.clip().in();
                }
            }
        }
        Map<String, Long> out = new HashMap<>();
        first.forEach((key, use) -> out.put(key, Math.max(0, use[1])));
        return out;
    }

    /** Per source key: the largest out point of the sequence's clips (nested ones not entered). */
    private static void maxOut(Sequence s, Map<String, Long> max) {
        List<List<TrackItem>> tracks = new ArrayList<>();
        for (VideoTrack t : s.tracks()) tracks.add(t.items());
        for (AudioTrack t : s.audioTracks()) tracks.add(t.items());
        for (List<TrackItem> items : tracks) {
            for (TrackItem i : items) {
                if (!(i instanceof Clip c)) continue;
                max.merge(c.source().key(), c.out(), Math::max);
            }
        }
    }

    private static void collectFiles(Sequence s, Map<String, Source.File> out) {
        List<List<TrackItem>> tracks = new ArrayList<>();
        for (VideoTrack t : s.tracks()) tracks.add(t.items());
        for (AudioTrack t : s.audioTracks()) tracks.add(t.items());
        for (List<TrackItem> items : tracks) {
            for (TrackItem i : items) {
                if (!(i instanceof Clip c)) continue;
                if (c.source() instanceof Source.File f) out.putIfAbsent(f.key(), f);
                if (c.source() instanceof Source.Nested n) collectFiles(n.sequence(), out);
            }
        }
    }
}
