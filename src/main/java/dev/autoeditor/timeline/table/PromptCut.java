package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.AudioTrack;
import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.PlacedClip;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.TrackItem;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.VideoTrack;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A prompt for generation: the prompt's sequence cut at S seconds, and the sample grid the
 * continuation fills. S is rounded up to the next sampled frame, the cut frame C: sample
 * {@link #firstSample()} is the first generated one and covers frames from C on; the context is
 * samples 0 .. firstSample - 1 ({@link #contextRows()}). Without S the whole sequence is the context
 * and C is the first sampled frame at or after its end.
 *
 * <p>The cut keeps every item before C as it is, video and audio, with effects and links; a clip
 * crossing C ends there (its out point moves with it); nothing from C on is kept. A transition
 * crossing C cannot be kept whole: it becomes a plain cut at the frame where the keyframe table puts
 * its cut (outgoing clip before, incoming clip from there), so every frame before C converts exactly
 * as in the prompt. Links to clips that are gone are dropped.
 */
public final class PromptCut {
    private final Project project;
    private final Sequence original;
    private final Sequence cut;
    private final SamplingRate sampling;
    private final FrameSampler grid;
    private final long firstSample;
    private final long cutFrame;
    private KeyframeTable table;
    private KeyframeTable originalTable;

    private PromptCut(Project project, Sequence original, SamplingRate sampling, long firstSample) {
        this.project = project;
        this.original = original;
        this.sampling = sampling;
        this.grid = sampling.sampler(original.rate(), 0);
        this.firstSample = firstSample;
        this.cutFrame = grid.frameAt(firstSample);
        this.cut = cutAt(original, cutFrame);
    }

    /** The whole sequence as the context; the continuation starts at the first sample after its end. */
    public static PromptCut whole(Project project, Sequence sequence, SamplingRate sampling) {
        return new PromptCut(project, sequence, sampling, sampling.sampler(sequence.rate(), sequence.lengthFrames()).count());
    }

    /** The sequence cut at {@code seconds} (>= 0), rounded up to the next sampled frame. */
    public static PromptCut atSeconds(Project project, Sequence sequence, SamplingRate sampling, double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) throw new IllegalArgumentException("seconds must be >= 0, got " + seconds);
        // The first frame at or after S: ceil(S x fps), with the rate as an exact fraction.
        BigDecimal frames = BigDecimal.valueOf(seconds).multiply(BigDecimal.valueOf(sequence.rate().fpsNumerator()))
                .divide(BigDecimal.valueOf(sequence.rate().fpsDenominator()), 9, RoundingMode.HALF_EVEN)
                .setScale(0, RoundingMode.CEILING);
        long first = sampling.sampler(sequence.rate(), frames.longValueExact()).count();
        return new PromptCut(project, sequence, sampling, first);
    }

    /** {@link #atSeconds} when {@code seconds} is given, else {@link #whole}. */
    public static PromptCut of(Project project, Sequence sequence, SamplingRate sampling, Double seconds) {
        return seconds == null ? whole(project, sequence, sampling) : atSeconds(project, sequence, sampling, seconds);
    }

    public Project project() {
        return project;
    }

    /** The prompt's sequence as read. */
    public Sequence original() {
        return original;
    }

    /** The sequence cut at {@link #cutFrame()}: what the edit keeps of the prompt. */
    public Sequence cut() {
        return cut;
    }

    public SamplingRate sampling() {
        return sampling;
    }

    /** C: the first frame the continuation fills. */
    public long cutFrame() {
        return cutFrame;
    }

    /** The index of the first generated sample (= the number of context samples). */
    public long firstSample() {
        return firstSample;
    }

    /** The timeline frame of sample {@code i} (any i >= 0, context or generated). */
    public long frameOfSample(long i) {
        return grid.frameAt(i);
    }

    /** The sample grid of the sequence's rate and the sampling. */
    public FrameSampler grid() {
        return grid;
    }

    /** The numbering of the cut's sources: the asset numbers of the context rows. */
    public AssetNumbering numbering() {
        return AssetNumbering.of(cut, KeyframeTable.TRACKS);
    }

    /**
     * The {@link #firstSample()} context rows of the cut, 180 values each, as {@code convert} writes
     * them (frames past the cut's last clip are inactive rows).
     */
    public List<double[]> contextRows() {
        List<double[]> rows = new ArrayList<>((int) Math.min(firstSample, 1 << 20));
        for (long i = 0; i < firstSample; i++) rows.add(contextRow(i));
        return rows;
    }

    /** Context row {@code i} (0 <= i < firstSample()), for a loop that only needs its last window. */
    public double[] contextRow(long i) {
        if (i < 0 || i >= firstSample) throw new IndexOutOfBoundsException("context sample " + i + " of " + firstSample);
        if (table == null) table = KeyframeTable.of(cut);
        double[] row = new double[KeyframeTable.VALUES];
        table.fill(grid.frameAt(i), row);
        return row;
    }

    /**
     * Row {@code i} of the uncut prompt on the same grid (any i >= 0): from {@link #firstSample()} on,
     * the true continuation a generated one can be compared with. Assets are numbered as in the whole
     * prompt, which may differ from the cut's numbering for sources first seen at or after C.
     */
    public double[] originalRow(long i) {
        if (originalTable == null) originalTable = KeyframeTable.of(original);
        double[] row = new double[KeyframeTable.VALUES];
        originalTable.fill(grid.frameAt(i), row);
        return row;
    }

    /** {@code sequence} with everything from frame {@code c} on removed (see the class comment). */
    static Sequence cutAt(Sequence sequence, long c) {
        List<VideoTrack> video = new ArrayList<>();
        for (VideoTrack t : sequence.tracks()) video.add(new VideoTrack(t.enabled(), cutItems(t.items(), t.placedClips(), c)));
        List<AudioTrack> audio = new ArrayList<>();
        for (AudioTrack t : sequence.audioTracks()) audio.add(new AudioTrack(t.enabled(), cutItems(t.items(), t.placedClips(), c)));
        Set<String> kept = new HashSet<>();
        for (VideoTrack t : video) for (TrackItem i : t.items()) if (i instanceof Clip clip && clip.id() != null) kept.add(clip.id());
        for (AudioTrack t : audio) for (TrackItem i : t.items()) if (i instanceof Clip clip && clip.id() != null) kept.add(clip.id());
        List<VideoTrack> linkedVideo = new ArrayList<>();
        for (VideoTrack t : video) linkedVideo.add(new VideoTrack(t.enabled(), keepLinks(t.items(), kept)));
        List<AudioTrack> linkedAudio = new ArrayList<>();
        for (AudioTrack t : audio) linkedAudio.add(new AudioTrack(t.enabled(), keepLinks(t.items(), kept)));
        Sequence out = sequence.withTracks(linkedVideo, linkedAudio);
        return out.withDeclaredDuration(end(out));
    }

    private static List<TrackItem> keepLinks(List<TrackItem> items, Set<String> kept) {
        List<TrackItem> out = new ArrayList<>(items.size());
        for (TrackItem i : items) {
            if (i instanceof Clip c && !kept.containsAll(c.links())) {
                out.add(c.withLinks(c.links().stream().filter(kept::contains).toList()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /** The frame after the last clip on any track, audio included. */
    static long end(Sequence s) {
        long end = s.lengthFrames();
        for (AudioTrack t : s.audioTracks()) for (PlacedClip p : t.placedClips()) end = Math.max(end, p.end());
        return end;
    }

    /** One track's items cut at c; {@code placed} is the track's placed clips, in item order. */
    private static List<TrackItem> cutItems(List<TrackItem> items, List<PlacedClip> placed, long c) {
        int n = items.size();
        long[] from = new long[n];
        long[] to = new long[n];
        PlacedClip[] at = new PlacedClip[n];
        for (PlacedClip p : placed) {
            at[p.position()] = p;
            from[p.position()] = p.start();
            to[p.position()] = p.end();
        }
        boolean[] keptTransition = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!(items.get(i) instanceof Transition t)) continue;
            keptTransition[i] = t.end() <= c;
            if (t.start() < c && t.end() > c) {
                // A transition crossing C becomes a plain cut where the table switches clips: the
                // outgoing clip keeps the frames before that cut, the incoming one the frames from it.
                // With a side missing or disabled it is a fade, and the visible clip runs through it.
                PlacedClip out = i > 0 ? at[i - 1] : null;
                PlacedClip in = i + 1 < n ? at[i + 1] : null;
                if (out != null && in != null && out.clip().enabled() && in.clip().enabled() && to[i - 1] > from[i + 1]) {
                    long cutFrame = Math.max(from[i + 1], Math.min(to[i - 1], t.cutFrame()));
                    to[i - 1] = cutFrame;
                    from[i + 1] = cutFrame;
                }
            }
        }
        List<TrackItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TrackItem item = items.get(i);
            if (item instanceof Transition) {
                if (keptTransition[i]) out.add(item);
                continue;
            }
            PlacedClip p = at[i];
            long start = from[i];
            long end = Math.min(to[i], c);
            if (start >= c || end <= start) continue;
            Clip clip = p.clip();
            if (start == p.start() && end == p.end()) {
                out.add(clip);
                continue;
            }
            long in = clip.in() + (start - p.start());
            long outPoint = in + (end - start);
            // A side that did not move keeps its -1 when the transition it runs through is kept.
            boolean keepStart = start == p.start() && clip.start() < 0 && i > 0 && keptTransition[i - 1];
            boolean keepEnd = end == p.end() && clip.end() < 0 && i + 1 < n && keptTransition[i + 1];
            out.add(clip.withTiming(keepStart ? -1 : start, keepEnd ? -1 : end, in, outPoint));
        }
        return out;
    }
}
