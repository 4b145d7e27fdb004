package dev.autoeditor.generate;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rate-matched random cutter continued as an edit: persistence, except that each track cuts with
 * the training split's per-track cut rate, to a state drawn uniformly from the window's states other
 * than its current one ("off" and every class the window shows; class 0 when the window shows none),
 * as the evaluation's random cutter does. Draws come from (seed, sample index, frame), two per track.
 */
public final class RandomCutterPolicy implements ContinuationPolicy {
    private static final int K = KeyframeTable.TRACKS;

    private final double[] ratePerTrack;
    private final long seed;
    private final Normaliser normaliser;

    public RandomCutterPolicy(double[] ratePerTrack, long seed, Normaliser normaliser) {
        if (ratePerTrack.length != K) throw new IllegalArgumentException("need one cut rate per track (" + K + ")");
        for (double r : ratePerTrack) if (!(r >= 0 && r <= 1)) throw new IllegalArgumentException("cut rate must lie in [0, 1], got " + r);
        this.ratePerTrack = ratePerTrack.clone();
        this.seed = seed;
        this.normaliser = normaliser;
    }

    @Override
    public String name() {
        return "random-cutter";
    }

    @Override
    public List<Proposal> propose(List<Request> requests) {
        List<Proposal> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            ContextWindow w = r.window();
            SplittableRandom random = new SplittableRandom(ActionSampler.random(seed, r.sampleIndex(), r.frame()).nextLong());
            int classes = w.classes();
            boolean[] seen = new boolean[classes];
            for (int c = 0; c < w.named(); c++) seen[c] = true;
            if (w.overflowed()) seen[classes - 1] = true;
            boolean[] active = new boolean[K];
            int[] chosen = new int[K];
            int[] candidates = new int[classes + 1];
            for (int k = 0; k < K; k++) {
                int asset = w.lastAsset(k);
                int now = asset >= 0 ? w.classOf(asset) : -1;
                double cut = random.nextDouble();
                double pick = random.nextDouble();
                int next = now;
                if (cut < ratePerTrack[k]) {
                    int n = 0;
                    if (now != -1) candidates[n++] = -1;
                    for (int c = 0; c < classes; c++) if (seen[c] && c != now) candidates[n++] = c;
                    next = n == 0 ? 0 : candidates[(int) (pick * n)];
                }
                active[k] = next >= 0;
                chosen[k] = next;
            }
            out.add(Proposal.of(new FrameAction(active, chosen), PersistencePolicy.lastValues(w, normaliser)));
        }
        return out;
    }
}
