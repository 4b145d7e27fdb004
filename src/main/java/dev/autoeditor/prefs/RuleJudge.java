package dev.autoeditor.prefs;

import dev.autoeditor.config.Config;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule-based judge: scores a continuation by four traits an editor would name, each a penalty
 * (docs/prefs.md gives the rules with examples):
 * <ol>
 *   <li><b>shot length</b>: shots near {@code target_shot_s}; per judged row, |log2(length / target)|
 *       of its shot (a shot cut off by the end of the edit, or starting with it, is only penalised for
 *       being too long: its full length is not known);</li>
 *   <li><b>flash frames</b>: shots shorter than {@code min_shot_frames} rows, per 10 s;</li>
 *   <li><b>framing</b>: the picture kept inside the frame, no empty border or black: the mean
 *       uncovered fraction of the frame ({@link Picture});</li>
 *   <li><b>jump back</b>: no cut back to the picture left less than {@code jump_back_s} earlier
 *       (A, B, A with a short B), per 10 s.</li>
 * </ol>
 * A shot is a run of rows showing the same sources ({@link Picture.Frame#sameShot}); a cut is where
 * that changes. Deterministic: the same edits give the same scores bit for bit.
 */
public final class RuleJudge implements Judge {
    private final JudgeSettings settings;
    private final PairJudge identity;

    public RuleJudge(JudgeSettings settings) {
        this.settings = settings;
        this.identity = new PairJudge(PairJudge.Kind.RULE, settings.id());
    }

    /** The judge the {@code prefs.judge.*} settings describe. */
    public static RuleJudge fromConfig(Config config) {
        return new RuleJudge(JudgeSettings.fromConfig(config));
    }

    public JudgeSettings settings() {
        return settings;
    }

    @Override
    public PairJudge identity() {
        return identity;
    }

    @Override
    public double score(Edit context, Edit continuation) {
        return explain(context, continuation).score();
    }

    @Override
    public Verdict compare(Edit context, Edit a, Edit b) {
        double sa = score(context, a);
        double sb = score(context, b);
        return new Verdict(sa, sb, Math.abs(sa - sb) <= settings.tieTolerance());
    }

    /** The score and each rule's part of it. */
    public RuleScore explain(Edit context, Edit continuation) {
        if (continuation.isEmpty()) throw new IllegalArgumentException("nothing to judge: the continuation has no rows");
        if (!context.fps().equals(continuation.fps())) {
            throw new IllegalArgumentException("context at " + context.fps() + " fps and continuation at " + continuation.fps() + " fps differ");
        }
        double fps = continuation.fpsValue();
        int c = context.rows();
        int n = c + continuation.rows();
        Picture.Frame[] frames = new Picture.Frame[n];
        for (int i = 0; i < c; i++) frames[i] = Picture.of(context, i);
        for (int i = c; i < n; i++) frames[i] = Picture.of(continuation, i - c);
        List<int[]> shots = shots(frames);

        double judgedSeconds = (n - c) / fps;
        double per10s = judgedSeconds / 10;
        double lengthSum = 0;
        int judgedShots = 0;
        int flashes = 0;
        int jumpBacks = 0;
        for (int j = 0; j < shots.size(); j++) {
            int s = shots.get(j)[0];
            int e = shots.get(j)[1];
            if (e <= c) continue; // entirely in the context: not the continuation's doing
            judgedShots++;
            boolean open = s == 0 || e == n;
            double ratio = Math.log((e - s) / fps / settings.targetShotS()) / Math.log(2);
            double deviation = open ? Math.max(0, ratio) : Math.abs(ratio);
            lengthSum += deviation * (e - Math.max(s, c));
            if (!open && e - s < settings.minShotFrames()) flashes++;
            if (j >= 2 && s >= c) {
                int[] middle = shots.get(j - 1);
                boolean back = frames[s].sameShot(frames[shots.get(j - 2)[0]]);
                if (back && (middle[1] - middle[0]) / fps < settings.jumpBackS()) jumpBacks++;
            }
        }
        double uncovered = 0;
        for (int i = c; i < n; i++) uncovered += frames[i].uncovered();

        double shotLength = lengthSum / (n - c);
        double flashRate = flashes / per10s;
        double framing = uncovered / (n - c);
        double jumpRate = jumpBacks / per10s;
        double score = -(settings.weightShotLength() * shotLength + settings.weightFlash() * flashRate
                + settings.weightFraming() * framing + settings.weightJumpBack() * jumpRate);
        return new RuleScore(score == 0 ? 0.0 : score, shotLength, flashRate, framing, jumpRate, judgedShots, flashes, jumpBacks);
    }

    /** Runs of rows with the same picture, as {start, end} row ranges. */
    private static List<int[]> shots(Picture.Frame[] frames) {
        List<int[]> shots = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= frames.length; i++) {
            if (i == frames.length || !frames[i].sameShot(frames[i - 1])) {
                shots.add(new int[] {start, i});
                start = i;
            }
        }
        return shots;
    }
}
