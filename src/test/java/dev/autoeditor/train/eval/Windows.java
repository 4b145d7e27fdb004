package dev.autoeditor.train.eval;

import dev.autoeditor.data.WindowBatch;
import dev.autoeditor.data.WindowDataset;
import dev.autoeditor.model.Predictions;
import java.util.ArrayList;
import java.util.List;

/** Hand-built windows and predictions for the evaluation tests. */
final class Windows {
    private Windows() {}

    /** One window: per track, the state of each frame (class or {@link TrackStates#OFF}); valid frames first. */
    record Window(int[][] states, int validFrames, float[][][] regression) {
        int length() {
            return states[0].length;
        }
    }

    /** A window with the given per-track states on tracks 0.., other tracks off, all frames valid. */
    static Window window(int[]... tracks) {
        return new Window(pad(tracks), tracks[0].length, null);
    }

    /** As {@link #window} with only the first {@code validFrames} real. */
    static Window padded(int validFrames, int[]... tracks) {
        return new Window(pad(tracks), validFrames, null);
    }

    private static int[][] pad(int[][] tracks) {
        int length = tracks[0].length;
        int[][] all = new int[WindowBatch.TRACKS][];
        for (int k = 0; k < all.length; k++) {
            all[k] = k < tracks.length ? tracks[k] : filled(length, TrackStates.OFF);
        }
        return all;
    }

    static int[] filled(int length, int value) {
        int[] a = new int[length];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** The windows as one batch (window ids 0..n-1). */
    static WindowBatch batch(Window... windows) {
        WindowBatch batch = WindowBatch.allocate(windows.length, windows[0].length());
        for (int b = 0; b < windows.length; b++) write(windows[b], batch, b, b);
        return batch;
    }

    static void write(Window w, WindowBatch batch, int row, long id) {
        int length = batch.length();
        int r = WindowBatch.REGRESSIONS;
        batch.windowIds()[row] = id;
        for (int t = 0; t < length; t++) {
            batch.valid()[row * length + t] = t < w.validFrames() ? 1f : 0f;
            for (int k = 0; k < WindowBatch.TRACKS; k++) {
                int i = TrackStates.index(length, row, t, k);
                int s = t < w.validFrames() ? w.states()[k][t] : TrackStates.OFF;
                batch.active()[i] = s == TrackStates.OFF ? 0f : 1f;
                batch.assetClass()[i] = s;
                for (int f = 0; f < r; f++) {
                    batch.regression()[i * r + f] = s == TrackStates.OFF || w.regression() == null ? 0f : w.regression()[k][t][f];
                }
            }
        }
    }

    /** An in-memory split. */
    static final class Dataset implements WindowDataset {
        private final List<Window> windows = new ArrayList<>();
        private final int length;
        private final int classes;

        Dataset(int length, int classes) {
            this.length = length;
            this.classes = classes;
        }

        Dataset add(Window w) {
            if (w.length() != length) throw new IllegalArgumentException("window length " + w.length());
            windows.add(w);
            return this;
        }

        @Override
        public int size() {
            return windows.size();
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public int assetClasses() {
            return classes;
        }

        @Override
        public void read(int index, WindowBatch batch, int row) {
            write(windows.get(index), batch, row, index);
        }
    }

    /**
     * Predictions whose change probability for (window b, position t, track k) is {@code change[b][k][t]},
     * given the batch's true states. From an off track the probability is its active probability; from
     * class c, the track stays on and puts 1 - change on c and the rest on another class.
     */
    static Predictions withChange(WindowBatch batch, int classes, double[][][] change) {
        Predictions p = Persistence.allocate(batch, classes);
        for (int b = 0; b < batch.size(); b++) {
            for (int t = 0; t < batch.length(); t++) {
                for (int k = 0; k < WindowBatch.TRACKS; k++) {
                    int i = TrackStates.index(batch.length(), b, t, k);
                    double c = k < change[b].length ? change[b][k][t] : 0;
                    int now = TrackStates.state(batch, b, t, k);
                    if (now == TrackStates.OFF) {
                        p.activeProb()[i] = (float) c;
                        p.assetProbs()[i * classes] = 1f;
                    } else {
                        p.activeProb()[i] = 1f;
                        p.assetProbs()[i * classes + now] = (float) (1 - c);
                        p.assetProbs()[i * classes + (now + 1) % classes] += (float) c;
                    }
                }
            }
        }
        return p;
    }

    /** Change probabilities that put {@code 1} at each position t with t+1 in {@code cutFrames}, on track 0. */
    static double[][][] cutsAt(int length, int... cutFrames) {
        double[][][] c = new double[1][1][length];
        for (int f : cutFrames) c[0][0][f - 1] = 1.0;
        return c;
    }
}
