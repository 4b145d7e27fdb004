package dev.autoeditor.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.cli.CliRunner;
import dev.autoeditor.report.TinyRun;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rlhf.eval.every on the tiny run: the win rate over the reference measured during PPO joins ppo.csv
 * (empty where not due), its last point is the summary's win rate, PPO is the same with or without
 * it, and the report charts it.
 */
class WinRateCurveTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EVAL = List.of("eval/win_rate", "eval/win_rate_low", "eval/win_rate_high", "eval/seconds");

    @TempDir
    Path tmp;

    @Test
    void theWinRateDuringPpoIsMeasuredWhereDueAndChangesNothingElse() throws Exception {
        // Three iterations, measured after the second and the last, on the final comparison's 16 contexts (the tiny profile's).
        Path with = rlhf(TinyRun.copy(tmp.resolve("with")), "rlhf.eval.every=2", "rlhf.eval.curve_contexts=16");
        Path without = rlhf(TinyRun.copy(tmp.resolve("without")), "rlhf.eval.every=0", "rlhf.eval.curve_contexts=16");

        List<CSVRecord> a = rows(with.resolve("checkpoints/rlhf/metrics/ppo.csv"));
        List<CSVRecord> b = rows(without.resolve("checkpoints/rlhf/metrics/ppo.csv"));
        assertEquals(3, a.size());
        List<String> header = a.get(0).getParser().getHeaderNames();
        assertEquals(EVAL, header.subList(header.size() - EVAL.size(), header.size()), header.toString());
        assertTrue(b.get(0).getParser().getHeaderNames().stream().noneMatch(EVAL::contains), "off by default: no eval columns");
        for (String c : EVAL) assertEquals("", a.get(0).get(c), "iteration 1 is not due: " + c + " is empty");
        for (CSVRecord r : a.subList(1, 3)) {
            double rate = Double.parseDouble(r.get("eval/win_rate"));
            double low = Double.parseDouble(r.get("eval/win_rate_low"));
            double high = Double.parseDouble(r.get("eval/win_rate_high"));
            assertTrue(0 <= low && low <= rate && rate <= high && high <= 1, r.toString());
            assertTrue(Double.parseDouble(r.get("eval/seconds")) > 0, r.toString());
        }
        // Measuring reads the policy only: every PPO figure and the tuned weights are the same as without it.
        for (int i = 0; i < 3; i++) {
            for (String c : b.get(i).getParser().getHeaderNames()) {
                if (!c.equals("seconds")) assertEquals(b.get(i).get(c), a.get(i).get(c), "iteration " + (i + 1) + " " + c);
            }
        }
        assertEquals(json(without, "checkpoints/rlhf/last.json").path("weights_sha256").asText(),
                json(with, "checkpoints/rlhf/last.json").path("weights_sha256").asText());
        // On the same contexts with the same seeds, the last point is the summary's win rate.
        JsonNode policy = json(with, "checkpoints/rlhf/summary.json").path("policy");
        assertEquals(16, policy.path("contexts").asInt());
        assertEquals(policy.path("win_rate").asDouble(), Double.parseDouble(a.get(2).get("eval/win_rate")), 0.0);
        assertEquals(policy.path("win_rate_low").asDouble(), Double.parseDouble(a.get(2).get("eval/win_rate_low")), 1e-12);

        // The report draws the curve with its interval.
        CliRunner.Result report = CliRunner.run("report", "--run-dir", with.toString(), "--force");
        assertEquals(0, report.code(), report.toString());
        String html = Files.readString(with.resolve("report/index.html"));
        assertTrue(html.contains("alt=\"eval/win_rate: eval/win_rate (2 points, last "), "the win-rate chart is on the page");
    }

    private static Path rlhf(Path run, String... settings) {
        String[] args = {"rlhf", "--run-dir", run.toString(), "--profile", "tiny", "-q", "--force", "--set", "rlhf.ppo.iterations=3",
            "--set", settings[0], "--set", settings[1]};
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), r.toString());
        return run;
    }

    private static List<CSVRecord> rows(Path csv) throws Exception {
        try (Reader in = Files.newBufferedReader(csv)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
    }

    private static JsonNode json(Path run, String file) throws Exception {
        return JSON.readTree(run.resolve(file).toFile());
    }
}
