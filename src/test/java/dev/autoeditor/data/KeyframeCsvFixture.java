package dev.autoeditor.data;

import dev.autoeditor.timeline.KeyframeColumns;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes valid keyframe CSVs (the layout `convert` writes) from seeded random edits, for tests and the
 * benchmark. Each project's content follows from its own seed alone, so writing the same seed under two
 * names makes an exact re-export. Rows stream straight to the file: any size can be written.
 */
public final class KeyframeCsvFixture {
    /** A project: its name, the seed of its content, and its sequences' frame counts. */
    public record ProjectSpec(String name, long seed, int[] sequenceFrames) {}

    private KeyframeCsvFixture() {}

    /** Random project specs: {@code projects} projects of 1..maxSequences sequences of [minFrames, maxFrames] frames. */
    public static List<ProjectSpec> randomProjects(long seed, int projects, int maxSequences, int minFrames, int maxFrames) {
        Random r = new Random(seed);
        List<ProjectSpec> specs = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            int[] frames = new int[1 + r.nextInt(maxSequences)];
            for (int s = 0; s < frames.length; s++) frames[s] = minFrames + r.nextInt(maxFrames - minFrames + 1);
            specs.add(new ProjectSpec(String.format("project-%04d", p), r.nextLong(), frames));
        }
        return specs;
    }

    public static void write(Path file, List<ProjectSpec> projects) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 20)) {
            writeHeader(w);
            for (ProjectSpec p : projects) writeProject(w, p);
        }
    }

    static void writeHeader(Writer w) throws IOException {
        w.write(String.join(",", KeyframeColumns.HEADER));
        w.write('\n');
    }

    /** Writes one project's rows: a few tracks with clips that cut between assets, with motion and crops. */
    static long writeProject(Writer w, ProjectSpec p) throws IOException {
        Random r = new Random(p.seed());
        long rows = 0;
        StringBuilder sb = new StringBuilder(1024);
        for (int s = 0; s < p.sequenceFrames().length; s++) {
            int tracks = 1 + r.nextInt(4);
            int assets = 2 + r.nextInt(12);
            int[] asset = new int[tracks];
            boolean[] on = new boolean[tracks];
            double[][] reg = new double[tracks][KeyframeColumns.REGRESSIONS];
            double[] drift = new double[tracks];
            for (int k = 0; k < tracks; k++) {
                on[k] = k == 0 || r.nextBoolean();
                asset[k] = r.nextInt(assets);
                newShot(r, reg[k]);
            }
            String sequence = "Sequence " + (s + 1);
            for (int f = 0; f < p.sequenceFrames()[s]; f++) {
                sb.setLength(0);
                sb.append(csv(p.name())).append(',').append(csv(sequence)).append(',').append(f).append(',')
                        .append(fmt(f / 5.0));
                for (int k = 0; k < KeyframeColumns.TRACKS; k++) {
                    if (k < tracks) {
                        if (r.nextInt(25) == 0) { // a cut
                            on[k] = k == 0 || r.nextInt(3) > 0;
                            asset[k] = r.nextInt(assets);
                            newShot(r, reg[k]);
                            drift[k] = r.nextInt(4) == 0 ? r.nextGaussian() * 0.2 : 0;
                        }
                        reg[k][0] += drift[k];
                    }
                    if (k < tracks && on[k]) {
                        sb.append(",1,").append(asset[k]);
                        for (double v : reg[k]) sb.append(',').append(fmt(v));
                    } else {
                        sb.append(",0,-1,0,0,0,0,0,0,0");
                    }
                }
                sb.append('\n');
                w.append(sb);
                rows++;
            }
        }
        return rows;
    }

    private static void newShot(Random r, double[] reg) {
        reg[0] = r.nextInt(3) == 0 ? 100 : 60 + r.nextDouble() * 90;             // scale
        reg[1] = r.nextInt(2) == 0 ? 0 : (r.nextDouble() - 0.5) * 0.8;            // pos_x
        reg[2] = r.nextInt(2) == 0 ? 0 : (r.nextDouble() - 0.5) * 0.8;            // pos_y
        for (int c = 3; c < 7; c++) reg[c] = r.nextInt(4) == 0 ? r.nextDouble() * 30 : 0; // crops
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(Math.round(v * 1e6) / 1e6);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /**
     * Benchmark entry point: {@code KeyframeCsvFixture OUT.csv ROWS SEED} writes at least ROWS rows of
     * projects of 1-3 sequences of 600-6000 frames (2-20 minutes at 5 fps).
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long target = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        Random r = new Random(seed);
        long rows = 0;
        int p = 0;
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8), 1 << 20)) {
            writeHeader(w);
            while (rows < target) {
                int[] frames = new int[1 + r.nextInt(3)];
                for (int s = 0; s < frames.length; s++) frames[s] = 600 + r.nextInt(5401);
                rows += writeProject(w, new ProjectSpec(String.format("bench-%06d", p++), r.nextLong(), frames));
            }
        }
        System.out.println("wrote " + rows + " rows of " + p + " projects to " + out);
    }
}
