package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pair store: appends, torn lines left by a kill, malformed lines named by number. */
class PairStoreTest {
    @TempDir
    Path dir;

    @Test
    void appendedPairsReadBackInOrderWithTheirLines() throws Exception {
        PairStore store = new PairStore(dir.resolve("prefs/pairs.jsonl"));
        assertEquals(0, store.read().pairs().size(), "a store not yet written holds no pairs");
        store.append(Pairs.sample(0));
        store.appendAll(List.of(Pairs.sample(1), Pairs.imported()));
        PairLines read = store.read();
        assertEquals(List.of(Pairs.sample(0), Pairs.sample(1), Pairs.imported()), read.pairList());
        assertEquals(List.of(1L, 2L, 3L), read.pairs().stream().map(PairLines.Numbered::line).toList());
        assertEquals(List.of(), read.problems());
        String text = Files.readString(store.file());
        assertTrue(text.endsWith("\n") && text.split("\n", -1).length == 4, "three lines, each ended");
    }

    @Test
    void pairsSeveralWritersAddAtOnceAreAddedOnce() throws Exception {
        PairStore store = new PairStore(dir.resolve("prefs/pairs.jsonl"));
        assertEquals(List.of(), store.appendAbsent(List.of()));
        store.append(Pairs.sample(0));
        List<Pair> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) batch.add(Pairs.sample(i));
        batch.add(Pairs.sample(3)); // given twice: added once
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<Pair>>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < 8; w++) writers.add(pool.submit(() -> store.appendAbsent(batch)));
            int added = 0;
            for (Future<List<Pair>> f : writers) added += f.get(60, TimeUnit.SECONDS).size();
            assertEquals(9, added, "samples 1-9, each by one writer");
        } finally {
            pool.shutdownNow();
        }
        List<Pair> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) expected.add(Pairs.sample(i));
        assertEquals(expected, store.read().pairList());

        // Nothing new: nothing written.
        String before = Files.readString(store.file());
        assertEquals(List.of(), store.appendAbsent(List.of(Pairs.sample(5))));
        assertEquals(before, Files.readString(store.file()));
        PairStore empty = new PairStore(dir.resolve("other.jsonl"));
        assertEquals(List.of(Pairs.sample(1)), empty.appendAbsent(List.of(Pairs.sample(1), Pairs.sample(1))));
        assertEquals(List.of(Pairs.sample(1)), empty.read().pairList());
    }

    @Test
    void aTornLastLineIsDroppedWithAWarningAndCutOffByTheNextAppend() throws Exception {
        PairStore store = new PairStore(dir.resolve("pairs.jsonl"));
        store.appendAll(List.of(Pairs.sample(0), Pairs.sample(1), Pairs.sample(2)));
        // A kill mid-append: the first part of a line, no line end.
        byte[] line = PairJson.encode(Pairs.sample(3)).getBytes(StandardCharsets.UTF_8);
        Files.write(store.file(), java.util.Arrays.copyOf(line, line.length / 2), java.nio.file.StandardOpenOption.APPEND);
        PairLines read = store.read();
        assertEquals(3, read.pairs().size());
        assertEquals(1, read.problems().size());
        LineProblem torn = read.problems().get(0);
        assertEquals(4, torn.line());
        assertTrue(torn.toString().contains("pairs.jsonl line 4: no line end: a torn append"), torn.toString());

        // A whole line without its line end is still an append cut short (the newline is part of the write).
        store.append(Pairs.sample(4));
        Files.write(store.file(), line, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(4, store.read().pairs().size());

        store.append(Pairs.sample(5));
        PairLines after = store.read();
        assertEquals(List.of(Pairs.sample(0), Pairs.sample(1), Pairs.sample(2), Pairs.sample(4), Pairs.sample(5)), after.pairList());
        assertEquals(List.of(), after.problems());
    }

    @Test
    void malformedLinesAreNamedByNumberAndSkippedTheOthersRead() throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        List<byte[]> lines = new ArrayList<>();
        lines.add(PairJson.encode(Pairs.sample(0)).getBytes(StandardCharsets.UTF_8));
        lines.add("not json at all".getBytes(StandardCharsets.UTF_8));
        lines.add(PairJson.encode(Pairs.sample(1)).getBytes(StandardCharsets.UTF_8));
        lines.add(PairJson.encode(Pairs.sample(2)).replace("\"tie\":false", "\"tie\":0").getBytes(StandardCharsets.UTF_8));
        lines.add(new byte[0]);
        lines.add((PairJson.encode(Pairs.sample(3)) + "\r").getBytes(StandardCharsets.UTF_8));
        lines.add(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        try (var out = Files.newOutputStream(file)) {
            for (byte[] l : lines) {
                out.write(l);
                out.write('\n');
            }
        }
        PairLines read = new PairStore(file).read();
        assertEquals(List.of(Pairs.sample(0), Pairs.sample(1), Pairs.sample(3)), read.pairList());
        assertEquals(List.of(1L, 3L, 6L), read.pairs().stream().map(PairLines.Numbered::line).toList());
        assertEquals(List.of(2L, 4L, 7L), read.problems().stream().map(LineProblem::line).toList());
        assertTrue(read.problems().get(0).toString().contains("pairs.jsonl line 2: not valid JSON"), read.problems().get(0).toString());
        assertTrue(read.problems().get(1).toString().contains("line 4: tie: expected true or false, found 0; line skipped"),
                read.problems().get(1).toString());
        assertTrue(read.problems().get(2).toString().contains("line 7: not UTF-8"), read.problems().get(2).toString());
    }

    @Test
    void concurrentAppendsNeverInterleave() throws Exception {
        PairStore store = new PairStore(dir.resolve("pairs.jsonl"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 100;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) store.append(Pairs.sample(base + i));
                    return null;
                }));
            }
            for (Future<?> f : jobs) f.get();
        } finally {
            pool.shutdownNow();
        }
        PairLines read = store.read();
        assertEquals(40, read.pairs().size());
        assertEquals(List.of(), read.problems());
    }

    /**
     * A real kill: another JVM appends ~150 kB lines in a loop and is killed with SIGKILL. Whatever
     * the moment, the reader gets whole pairs, exactly those written, in order, and at most one torn
     * last line; the next append repairs the file.
     */
    @Test
    void aKilledWriterNeverLeavesATornLineThatReadsAsAPair() throws Exception {
        Path file = dir.resolve("pairs.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreAppender.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lineEnds(file) < 12) {
                assertTrue(child.isAlive(), () -> "the writer died: " + read(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "the writer wrote too slowly");
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
            child.waitFor(30, TimeUnit.SECONDS);
        }
        PairStore store = new PairStore(file);
        PairLines read = store.read();
        int n = read.pairs().size();
        assertTrue(n >= 12, "pairs read: " + n);
        for (int i = 0; i < n; i++) assertEquals(Pairs.large(i), read.pairs().get(i).pair(), "pair " + i);
        assertTrue(read.problems().size() <= 1, read.problems().toString());
        read.problems().forEach(p -> {
            assertEquals(n + 1, p.line());
            assertTrue(p.message().startsWith("no line end: a torn append"), p.message());
        });
        store.append(Pairs.sample(1));
        PairLines repaired = store.read();
        assertEquals(n + 1, repaired.pairs().size());
        assertEquals(List.of(), repaired.problems());
    }

    private static long lineEnds(Path file) throws IOException {
        if (!Files.exists(file)) return 0;
        long n = 0;
        for (byte b : Files.readAllBytes(file)) if (b == '\n') n++;
        return n;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
