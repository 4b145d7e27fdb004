package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SittingLogTest {
    @TempDir
    Path tmp;

    private static SittingLog.Entry entry(String proposer, String judge, long n, SittingLog.Event e) {
        String pair = e == SittingLog.Event.A || e == SittingLog.Event.B ? Edits.hex('d') : null;
        return new SittingLog.Entry(proposer, judge, n, e, pair, Instant.parse("2024-05-01T12:00:00.123456Z"));
    }

    @Test
    void livesBesideThePairFile() {
        assertEquals(Path.of("run/prefs/pairs.sittings.jsonl"), SittingLog.beside(Path.of("run/prefs/pairs.jsonl")));
        assertEquals(Path.of("x/ratings.txt.sittings.jsonl"), SittingLog.beside(Path.of("x/ratings.txt")));
    }

    @Test
    void aLineHasItsKeysInTheDocumentedOrder() {
        assertEquals("{\"format\":\"auto-editor-sitting/1\",\"proposer\":\"p 1\",\"judge\":\"ann\",\"proposal\":3,\"event\":\"A\",\"pair\":\""
                + Edits.hex('d') + "\",\"time\":\"2024-05-01T12:00:00.123Z\"}", SittingLog.encode(entry("p 1", "ann", 3, SittingLog.Event.A)));
        assertEquals("{\"format\":\"auto-editor-sitting/1\",\"proposer\":\"p\",\"judge\":\"ann\",\"proposal\":4,\"event\":\"skip\",\"pair\":null,"
                + "\"time\":\"2024-05-01T12:00:00.123Z\"}", SittingLog.encode(entry("p", "ann", 4, SittingLog.Event.SKIP)));
    }

    @Test
    void entriesReadBackInOrderAndAnswersAreCountedPerProposerAndJudge() throws Exception {
        SittingLog log = new SittingLog(tmp.resolve("prefs/pairs.sittings.jsonl"));
        assertEquals(List.of(), log.read().entries(), "a missing log has no entries");
        List<SittingLog.Entry> written = List.of(
                entry("p", "ann", 1, SittingLog.Event.SHOWN), entry("p", "ann", 1, SittingLog.Event.A),
                entry("p", "ann", 2, SittingLog.Event.SHOWN), entry("p", "ann", 2, SittingLog.Event.SKIP),
                entry("p", "ann", 3, SittingLog.Event.SHOWN), entry("p", "ann", 3, SittingLog.Event.QUIT),
                entry("p", "bob", 1, SittingLog.Event.B), entry("q", "ann", 7, SittingLog.Event.B),
                entry("p", "ann", 4, SittingLog.Event.INTERRUPTED));
        for (SittingLog.Entry e : written) log.append(e);
        SittingLog.Lines lines = log.read();
        assertEquals(written, lines.entries());
        assertEquals(List.of(), lines.problems());
        assertEquals(Set.of(1L, 2L), lines.answered("p", "ann"), "shown, quit and interrupted are not answers");
        assertEquals(Set.of(1L), lines.answered("p", "bob"));
        assertEquals(Set.of(7L), lines.answered("q", "ann"));
    }

    @Test
    void aTornLastLineIsDroppedAndCutOffByTheNextAppend() throws Exception {
        Path file = tmp.resolve("s.jsonl");
        SittingLog log = new SittingLog(file);
        log.append(entry("p", "ann", 1, SittingLog.Event.A));
        String whole = SittingLog.encode(entry("p", "ann", 2, SittingLog.Event.B));
        Files.writeString(file, whole, StandardOpenOption.APPEND); // a whole entry, but no line end: torn
        SittingLog.Lines lines = log.read();
        assertEquals(1, lines.entries().size());
        assertEquals(1, lines.problems().size());
        assertEquals(2, lines.problems().get(0).line());
        assertTrue(lines.problems().get(0).message().startsWith("no line end: a torn append"), lines.problems().get(0).message());
        log.append(entry("p", "ann", 3, SittingLog.Event.SKIP));
        List<String> text = Files.readAllLines(file);
        assertEquals(2, text.size(), String.join("\n", text));
        assertEquals(Set.of(1L, 3L), log.read().answered("p", "ann"));
    }

    @Test
    void malformedLinesAreNamedWithTheirNumbersAndSkipped() throws Exception {
        Path file = tmp.resolve("s.jsonl");
        String good = SittingLog.encode(entry("p", "ann", 1, SittingLog.Event.A));
        Files.write(file, (good + "\n"
                + "not json\n"
                + "\n"
                + good.replace("\"event\":\"A\"", "\"event\":\"maybe\"") + "\n"
                + good.replace("\"proposal\":1", "\"proposal\":1.5") + "\n"
                + good.replace("auto-editor-sitting/1", "auto-editor-sitting/9") + "\n"
                + good.replace(",\"time\"", ",\"extra\":1,\"time\"") + "\n"
                + good.replace("\"pair\":\"" + Edits.hex('d') + "\"", "\"pair\":null") + "\n"
                + good.replace("\"proposal\":1", "\"proposal\":2") + "\n").getBytes(StandardCharsets.UTF_8));
        SittingLog.Lines lines = new SittingLog(file).read();
        assertEquals(2, lines.entries().size());
        assertEquals(List.of(2L, 4L, 5L, 6L, 7L, 8L), lines.problems().stream().map(LineProblem::line).toList());
        assertTrue(lines.problems().get(0).message().startsWith("not valid JSON"), lines.problems().get(0).message());
        assertTrue(lines.problems().get(1).message().startsWith("event is 'maybe'"), lines.problems().get(1).message());
        assertTrue(lines.problems().get(2).message().startsWith("proposal: expected a whole number"), lines.problems().get(2).message());
        assertTrue(lines.problems().get(3).message().startsWith("format is 'auto-editor-sitting/9'"), lines.problems().get(3).message());
        assertTrue(lines.problems().get(4).message().startsWith("unknown keys"), lines.problems().get(4).message());
        assertTrue(lines.problems().get(5).message().startsWith("a pair key goes with A and B only"), lines.problems().get(5).message());
        assertTrue(lines.problems().get(0).toString().startsWith(file + " line 2: "), lines.problems().get(0).toString());
    }

    @Test
    void entriesRefuseAPairKeyWithoutAnAnswerAndTheOtherWayRound() {
        Instant t = Instant.EPOCH;
        assertThrows(IllegalArgumentException.class, () -> new SittingLog.Entry("p", "ann", 1, SittingLog.Event.A, null, t));
        assertThrows(IllegalArgumentException.class, () -> new SittingLog.Entry("p", "ann", 1, SittingLog.Event.SKIP, "k", t));
    }
}
