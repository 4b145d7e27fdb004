package dev.autoeditor.generate;

import dev.autoeditor.data.Normaliser;
import dev.autoeditor.timeline.table.KeyframeTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistence baseline continued as an edit: every track keeps what it showed in the last frame,
 * with its values. It never cuts by choice; the generator's constraints still make it cut where a
 * source runs out, as they do the model.
 */
public final class PersistencePolicy implements ContinuationPolicy {
    static final int K = KeyframeTable.TRACKS;
    static final int F = KeyframeTable.FIELDS;
    static final int R = F - 2;

    private final Normaliser normaliser;

    /** @param normaliser its centre gives the values of a track that turns on from nothing (as the evaluation's baselines) */
    public PersistencePolicy(Normaliser normaliser) {
        this.normaliser = normaliser;
    }

    @Override
    public String name() {
        return "persistence";
    }

    @Override
    public List<Proposal> propose(List<Request> requests) {
        List<Proposal> out = new ArrayList<>(requests.size());
        for (Request r : requests) {
            ContextWindow w = r.window();
            boolean[] active = new boolean[K];
            int[] classes = new int[K];
            for (int k = 0; k < K; k++) {
                int asset = w.lastAsset(k);
                active[k] = asset >= 0;
                classes[k] = asset >= 0 ? w.classOf(asset) : -1;
            }
            out.add(Proposal.of(new FrameAction(active, classes), lastValues(w, normaliser)));
        }
        return out;
    }

    /** The last frame's values per track, the normaliser's centre where the track is off. */
    static double[] lastValues(ContextWindow w, Normaliser normaliser) {
        double[] values = new double[K * R];
        double[] last = w.lastFrame();
        for (int k = 0; k < K; k++) {
            boolean on = last[k * F + KeyframeTable.ACTIVE] == 1;
            for (int f = 0; f < R; f++) values[k * R + f] = on ? last[k * F + 2 + f] : normaliser.denormalise(f, 0);
        }
        return values;
    }
}
