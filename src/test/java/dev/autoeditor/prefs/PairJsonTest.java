package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pair schema: round trips, fixed key order, a golden line, and every kind of malformed line named by its field. */
class PairJsonTest {
    static Path golden() throws URISyntaxException {
        return Path.of(PairJsonTest.class.getResource("/prefs/pair-golden.jsonl").toURI());
    }

    @Test
    void roundTripGivesTheSamePairAndTheSameBytes() {
        for (Pair p : List.of(Pairs.sample(0), Pairs.sample(1), Pairs.sample(7), Pairs.imported())) {
            String line = PairJson.encode(p);
            assertTrue(!line.contains("\n"), "one line");
            Pair back = PairJson.decode(line);
            assertEquals(p, back);
            assertEquals(line, PairJson.encode(back));
        }
    }

    @Test
    void theGoldenLineIsWhatThisVersionWrites() throws Exception {
        String golden = Files.readString(golden());
        assertEquals(golden, PairJson.encode(Pairs.imported()) + "\n",
                "the auto-editor-pair/1 bytes changed: a format change needs a new format version");
        assertEquals(Pairs.imported(), PairJson.decode(golden.strip()));
    }

    @Test
    void keysComeInTheDocumentedOrder() throws Exception {
        JsonNode n = new ObjectMapper().readTree(PairJson.encode(Pairs.imported()));
        assertEquals(List.of("format", "context", "continuations", "judge", "tie", "time"), names(n));
        assertEquals(List.of("export", "sequence", "start_s", "end_s", "fps", "source_sizes", "rows"), names(n.get("context")));
        assertEquals(List.of("model", "export", "rows"), names(n.get("continuations").get(0)));
        assertEquals(List.of("sha256", "seed", "temperature"), names(n.get("continuations").get(0).get("model")));
        assertEquals(List.of("name", "sequence", "sha256"), names(n.get("continuations").get(1).get("export")));
        assertEquals(List.of("kind", "id"), names(n.get("judge")));
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void rowsAreStoredUpToTheirHighestActiveTrackInTheTablesNumberFormat() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(PairJson.encode(Pairs.sample(1))).get("context").get("rows");
        assertEquals("[1,0,100,0,0,0,0,0,0,1,1,33.333333,0.3125,-0.28,0,0,12.5,0]", rows.get(0).toString());
        assertEquals("[1,0,100,0,0,0,0,0,0]", rows.get(5).toString()); // V2 inactive: trimmed
    }

    @Test
    void numbersAreRoundedToTheTablesPrecisionSoWhatIsJudgedIsWhatIsStored() {
        Edit e = Edit.of(Edits.FPS5, List.of(new double[] {1, 0, 100.00000049, -0.0000004, 1 / 3.0, 0, 0, 0, 0}), SourceSizes.UNKNOWN);
        assertEquals(100.0, e.value(0, 0, 2));
        assertEquals(0.0, e.value(0, 0, 3));
        assertEquals(0.333333, e.value(0, 0, 4));
        // Inactive tracks become zeros with asset -1 whatever the generator wrote there.
        Edit off = Edit.of(Edits.FPS5, List.of(new double[] {1, 0, 100, 0, 0, 0, 0, 0, 0, 0, 3, 55, 0.2, 0, 0, 0, 0, 0}), SourceSizes.UNKNOWN);
        assertEquals(1, off.tracks());
        assertEquals(-1, off.asset(0, 1));
        assertEquals(0, off.value(0, 1, 2));
    }

    @Test
    void malformedLinesNameTheFieldAndWhatIsExpected() {
        String good = PairJson.encode(Pairs.sample(1));
        expect("{\"format\":", "not valid JSON");
        expect("[1,2]", "expected a JSON object, found [1,2]");
        expect(good.replace("auto-editor-pair/1", "auto-editor-pair/9"), "format is 'auto-editor-pair/9'; this version reads auto-editor-pair/1");
        expect(good.replace("\"tie\":false", "\"tie\":\"no\""), "tie: expected true or false");
        expect(good.replace(",\"tie\":false", ""), "tie: missing");
        expect(good.replace("\"tie\":false", "\"tie\":false,\"score\":1"), "score: unknown key");
        expect(good.replace("\"tie\":false", "\"tie\":false,\"tie\":true"), "Duplicate field 'tie'");
        expect(good.replace("\"kind\":\"rule\"", "\"kind\":\"robot\""), "judge: 'robot' is not a judge kind; use person, import or rule");
        expect(good.replace("\"fps\":\"5\"", "\"fps\":\"native\""), "context.fps is 'native'");
        expect(good.replace("\"fps\":\"5\"", "\"fps\":\"fast\""), "context.fps is 'fast'");
        expect(good.replace("\"temperature\":1}", "\"temperature\":-1}"), "continuations[0].model: temperature must be a finite number >= 0, got -1.0");
        expect(good.replace("\"seed\":1001", "\"seed\":1.5"), "continuations[0].model.seed: expected a whole number, found 1.5");
        expect(good.replace("\"time\":\"2024-05-01T12:00:01.250Z\"", "\"time\":\"yesterday\""), "time: 'yesterday' is not an ISO-8601 UTC time");
        expect(good.replace("\"start_s\":11", "\"start_s\":99"), "context: context span must satisfy 0 <= start_s <= end_s");
        // Rows: wrong width, bad active flag, negative asset on an active track, text for a number.
        expect(good.replace("[1,0,100,0,0,0,0,0,0,1,1,33.333333", "[1,0,100,0,0,0,0,0,1,1,33.333333"),
                "context.rows: row 0 holds 17 numbers; a row holds 9 per track for up to 20 tracks");
        expect(good.replace("[1,0,100,0,0,0,0,0,0,1,1,33.333333", "[2,0,100,0,0,0,0,0,0,1,1,33.333333"),
                "context.rows: row 0 track V1: active is 2.0, expected 0 or 1");
        expect(good.replace("[1,0,100,0,0,0,0,0,0,1,1,33.333333", "[1,-1,100,0,0,0,0,0,0,1,1,33.333333"),
                "context.rows: row 0 track V1: asset is -1.0, expected a whole number >= 0 on an active track");
        expect(good.replace("[1,0,100,0,0,0,0,0,0,1,1,33.333333", "[1,0,\"100\",0,0,0,0,0,0,1,1,33.333333"),
                "context.rows[0][2]: expected a number, found \"100\"");
        // Sides: both origins, or neither.
        String neither = good.replaceFirst("\"model\":\\{[^}]*\\}", "\"model\":null");
        expect(neither, "continuations[0]: a continuation comes from a model or from an export: give exactly one");
        expect(good.replace("\"rows\":[[1,0,100,0,0,0,0,0,0],[1,0,100,0,0,0,0,0,0],[1,2", "\"rows\":[],\"x\":[[1,2"),
                "continuations[0].x: unknown key");
    }

    private static void expect(String line, String message) {
        PairFormatException e = assertThrows(PairFormatException.class, () -> PairJson.decode(line), line);
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }

    @Test
    void theContentKeyIgnoresTheTimeButNothingElse() {
        Pair p = Pairs.sample(1);
        Pair later = new Pair(p.context(), p.preferred(), p.other(), p.judge(), p.tie(), Instant.parse("2030-01-01T00:00:00Z"));
        assertEquals(PairJson.contentKey(p), PairJson.contentKey(later));
        Pair swapped = new Pair(p.context(), p.other(), p.preferred(), p.judge(), p.tie(), p.time());
        assertNotEquals(PairJson.contentKey(p), PairJson.contentKey(swapped));
    }
}
