package dev.autoeditor.train.eval;

import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.timeline.KeyframeColumns;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A small keyframe CSV with cuts, run through the real {@code preprocess} and {@code window} commands
 * (tiny profile: 32-frame windows), for evaluation tests that need window shards on disk.
 */
public final class EvalFixtures {
    private EvalFixtures() {}

    /** Writes the CSV and the windows under {@code root}; returns the windows folder. */
    public static Path windows(Path root, int projects, int frames, long seed) throws IOException {
        Path csv = root.resolve("keyframes.csv");
        writeCsv(csv, projects, frames, seed);
        CliRunner.Result pre = CliRunner.run("preprocess", "--profile", "tiny", "-q", "--input", csv.toString(),
                "--output", root.resolve("preprocessed").toString());
        if (pre.code() != 0) throw new IllegalStateException(pre.toString());
        CliRunner.Result win = CliRunner.run("window", "--profile", "tiny", "-q", "--input", root.resolve("preprocessed").toString(),
                "--output", root.resolve("windows").toString());
        if (win.code() != 0) throw new IllegalStateException(win.toString());
        return root.resolve("windows");
    }

    /**
     * Each project has one sequence: V1 always on, cutting between a few assets every 3 to 12 frames;
     * V2 an overlay that comes and goes; scale and position drift on V1.
     */
    static void writeCsv(Path file, int projects, int frames, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", KeyframeColumns.HEADER));
            w.write('\n');
            for (int p = 0; p < projects; p++) {
                int asset = 1;
                int untilCut = 3 + random.nextInt(10);
                boolean overlay = false;
                double scale = 100;
                for (int f = 0; f < frames; f++) {
                    if (--untilCut == 0) {
                        asset = 1 + (asset + random.nextInt(3)) % 5;
                        untilCut = 3 + random.nextInt(10);
                    }
                    if (random.nextDouble() < 0.05) overlay = !overlay;
                    scale += random.nextDouble() - 0.5;
                    StringBuilder row = new StringBuilder();
                    row.append("proj").append(p).append(",seq,").append(f).append(',')
                            .append(String.format(Locale.ROOT, "%.3f", f / 5.0));
                    for (int k = 1; k <= KeyframeColumns.TRACKS; k++) {
                        boolean on = k == 1 || (k == 2 && overlay);
                        if (!on) {
                            row.append(",0,0,0,0,0,0,0,0,0");
                        } else if (k == 1) {
                            row.append(String.format(Locale.ROOT, ",1,%d,%.3f,%.3f,0,0,0,0,0", asset, scale, 0.01 * (f % 7)));
                        } else {
                            row.append(",1,9,50,0.25,-0.25,10,0,0,0");
                        }
                    }
                    w.write(row.append('\n').toString());
                }
            }
        }
    }
}
