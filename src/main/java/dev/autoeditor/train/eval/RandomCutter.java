package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.model.FramePredictor;
import dev.autoeditor.model.Predictions;
import dev.autoeditor.util.Seeds;
import java.util.SplittableRandom;

/**
 * The rate-matched random cutter: persistence, except that at every position each track cuts with
 * the probability measured on the training split for that track ({@link CutRates}). A cut moves the
 * track to a state drawn uniformly from the context's states other than its current one: "off", and
 * every asset class seen so far in the window (frames 0..t, any track). A track that is off with no
 * asset in the context turns on with class 0 (the first asset a window shows). Every fired cut is
 * therefore a real change, so its cut rate equals the training rate in expectation. It has cuts but no
 * sense of timing: the yardstick for cut-point F1.
 *
 * <p>Deterministic: the random stream of a window derives from the seed and the window's id, and draws
 * are taken at every position and track whether or not the frame is padding, so the predictions of a
 * window do not depend on which batch it arrives in.
 */
public final class RandomCutter implements FramePredictor {
    private final int classes;
    private final double[] ratePerTrack;
    private final long seed;

    public RandomCutter(int classes, double[] ratePerTrack, long seed) {
        if (ratePerTrack.length != WindowBatch.TRACKS) {
            throw new IllegalArgumentException("need one cut rate per track (" + WindowBatch.TRACKS + ")");
        }
        for (double r : ratePerTrack) {
            if (!(r >= 0 && r <= 1)) throw new IllegalArgumentException("cut rate must lie in [0, 1], got " + r);
        }
        this.classes = classes;
        this.ratePerTrack = ratePerTrack.clone();
        this.seed = seed;
    }

    @Override
    public Predictions predict(WindowBatch batch) {
        Predictions p = Persistence.allocate(batch, classes);
        int length = batch.length();
        boolean[] seen = new boolean[classes];
        int[] candidates = new int[classes + 1];
        for (int b = 0; b < batch.size(); b++) {
            SplittableRandom random = new SplittableRandom(Seeds.indexed(seed, batch.windowIds()[b]));
            java.util.Arrays.fill(seen, false);
            for (int t = 0; t < length; t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int s = TrackStates.state(batch, b, t, k);
                    if (s != TrackStates.OFF) seen[Math.min(s, classes - 1)] = true;
                }
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int now = TrackStates.state(batch, b, t, k);
                    double cut = random.nextDouble();
                    double pick = random.nextDouble();
                    int next = now;
                    if (cut < ratePerTrack[k]) {
                        int n = 0;
                        if (now != TrackStates.OFF) candidates[n++] = TrackStates.OFF;
                        for (int c = 0; c < classes; c++) if (seen[c] && c != now) candidates[n++] = c;
                        next = n == 0 ? 0 : candidates[(int) (pick * n)];
                    }
                    Persistence.copyFrame(batch, p, b, t, k, next);
                }
            }
        }
        return p;
    }

    @Override
    public String name() {
        return "random-cutter";
    }
}
