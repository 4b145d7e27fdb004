package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distillation, fine-tuning and RLHF sections of the real tiny run's summaries: each phase's named
 * comparison is one table with exactly its columns, the summary's other objects tables of their own,
 * and the values are the file's.
 */
class PhaseSummarySectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void distillComparesTeacherStudentAndScratchAndShowsSpeedApart() throws Exception {
        Path run = TinyRun.get();
        JsonNode summary = JSON.readTree(run.resolve("checkpoints/distill/summary.json").toFile());
        // The real layout has a speed object sharing keys with the three models: it must not become a fourth column.
        assertTrue(summary.path("speed").has("windows_per_s"), "the real summary's layout changed: " + summary.fieldNames());
        String html = section(run, "distillation").html();
        List<List<String>> headers = headers(html);
        assertEquals(List.of("", "teacher", "student", "scratch"), headers.get(0));
        assertTrue(headers.contains(List.of("speed", "")), headers.toString());
        assertEquals(1, headers.stream().filter(h -> h.contains("teacher")).count(), headers.toString());
        // The comparison's rows carry the file's values, in the columns' order.
        List<String> params = row(html, "parameters");
        assertEquals(List.of(summary.at("/teacher/parameters").asText(), summary.at("/student/parameters").asText(),
                summary.at("/scratch/parameters").asText()), params.subList(1, 4));
        assertEquals(Html.number(summary.at("/student/cut_f1").asDouble()), strip(row(html, "cut f1").get(2)));
        // The speed object's descriptions are in its own table, not in a comparison cell.
        assertEquals(List.of("windows per s", summary.at("/speed/windows_per_s").asText()), row(html, "windows per s", 2));
        // Throughput is higher-is-better: the fastest model's windows per second is bold.
        double[] wps = {summary.at("/teacher/windows_per_s").asDouble(), summary.at("/student/windows_per_s").asDouble(),
                summary.at("/scratch/windows_per_s").asDouble()};
        int fastest = wps[0] >= wps[1] && wps[0] >= wps[2] ? 0 : wps[1] >= wps[2] ? 1 : 2;
        assertTrue(row(html, "windows per s").get(1 + fastest).contains("<strong>"), row(html, "windows per s").toString());
    }

    @Test
    void finetuneComparesBeforeAfterAndScratchAndItsModelsAlike() throws Exception {
        Path run = TinyRun.get();
        JsonNode summary = JSON.readTree(run.resolve("checkpoints/finetune/summary.json").toFile());
        String html = section(run, "finetuning").html();
        List<List<String>> headers = headers(html);
        assertEquals(List.of("", "before", "after", "scratch"), headers.get(0));
        // models.before / .after / .scratch: the same three columns, the checkpoints side by side.
        assertTrue(headers.contains(List.of("models", "before", "after", "scratch")), headers.toString());
        assertEquals(List.of("phase", summary.at("/models/before/phase").asText(), "finetune", "finetune-scratch"), row(html, "phase"));
        assertEquals(Html.number(summary.at("/after/cut_f1").asDouble()), strip(row(html, "cut f1").get(2)));
        assertTrue(headers.contains(List.of("data", "")) && headers.contains(List.of("training", "")), headers.toString());
    }

    @Test
    void rlhfShowsPolicyBesideReferenceAndPairsAndRewardModelApart() throws Exception {
        Path run = TinyRun.get();
        JsonNode summary = JSON.readTree(run.resolve("checkpoints/rlhf/summary.json").toFile());
        String html = section(run, "rlhf").html();
        List<List<String>> headers = headers(html);
        assertEquals(List.of("", "policy", "reference"), headers.get(0));
        assertTrue(headers.contains(List.of("pairs", "")), headers.toString());
        assertTrue(headers.contains(List.of("reward model", "")), headers.toString());
        assertEquals(1, headers.stream().filter(h -> h.contains("policy")).count(), "one policy table: " + headers);
        // The figure both models have comes first, then the policy's own.
        List<String> score = row(html, "reward model score");
        assertEquals(Html.number(summary.at("/policy/reward_model_score").asDouble()), strip(score.get(1)));
        assertEquals(Html.number(summary.at("/reference/reward_model_score").asDouble()), strip(score.get(2)));
        assertEquals(List.of("win rate", Html.number(summary.at("/policy/win_rate").asDouble()), ""), row(html, "win rate"));
        // A figure the phase could not measure (no held-out pairs in the tiny run) is n/a, not a blank.
        JsonNode accuracy = summary.at("/reward_model/heldout_accuracy");
        assertEquals(List.of("heldout accuracy", accuracy.isNull() ? "n/a" : Html.number(accuracy.asDouble())), row(html, "heldout accuracy", 2));
        // The pair files array is laid out as rows, one group per file.
        assertEquals(List.of("files[1].file", summary.at("/pairs/files/0/file").asText()), row(html, "files[1].file", 2));
        String sentence = "Win rate of the tuned policy over the reference: " + Html.number(summary.at("/policy/win_rate").asDouble());
        assertTrue(html.contains(Html.esc(sentence)), html);
        assertTrue(html.contains(summary.at("/policy/contexts").asInt() + " held-out contexts: " + summary.at("/policy/wins").asInt() + " wins"));
        // PPO's curves: reward first, then the score and KL; no win rate per iteration in this run, and the page says why.
        List<String> charts = new ArrayList<>();
        Matcher m = Pattern.compile("alt=\"([^:\"]+):").matcher(html);
        while (m.find()) charts.add(m.group(1));
        assertEquals(List.of("objective/rlhf_reward", "objective/scores", "objective/kl", "beta"), charts.subList(0, 4));
        assertTrue(html.contains("did not measure it per iteration"), html);
    }

    @Test
    void aWinRateMeasuredDuringPpoIsChartedWithItsInterval() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        // The real ppo.csv with the columns rlhf.eval.every adds, measured on the first and last iterations only.
        Path csv = run.resolve("checkpoints/rlhf/metrics/ppo.csv");
        Files.delete(run.resolve("checkpoints/rlhf/metrics/ppo.jsonl"));
        List<String> lines = Files.readAllLines(csv);
        List<String> out = new ArrayList<>(List.of(lines.get(0) + ",eval/win_rate,eval/win_rate_low,eval/win_rate_high"));
        for (int i = 1; i < lines.size(); i++) out.add(lines.get(i) + (i == 1 ? ",0.5,0.3,0.7" : i == lines.size() - 1 ? ",0.625,0.39,0.82" : ",,,"));
        Files.write(csv, out);
        String html = section(run, "rlhf").html();
        assertTrue(html.contains("alt=\"eval/win_rate: eval/win_rate (2 points, last 0.6250); 95% interval, low"), html);
        assertFalse(html.contains("alt=\"eval/win_rate_low"), "the interval is drawn with the win rate, not apart");
        assertFalse(html.contains("did not measure it per iteration"));
    }

    @Test
    void aSummaryWithoutOneOfItsColumnsSaysSo() throws Exception {
        Path run = TinyRun.copy(tmp.resolve("run"));
        Path file = run.resolve("checkpoints/distill/summary.json");
        ObjectNode summary = (ObjectNode) JSON.readTree(file.toFile());
        summary.remove("scratch");
        JSON.writeValue(file.toFile(), summary);
        String html = section(run, "distillation").html();
        assertEquals(List.of("", "teacher", "student"), headers(html).get(0));
        assertTrue(html.contains("This summary has no scratch (expected teacher, student, scratch)."), html);
    }

    private static Section section(Path run, String id) throws Exception {
        RunFiles files = new RunFiles(run);
        return switch (id) {
            case "distillation" -> PhaseSummarySection.distillation(files).orElseThrow();
            case "finetuning" -> PhaseSummarySection.finetuning(files).orElseThrow();
            case "rlhf" -> PhaseSummarySection.rlhf(files).orElseThrow();
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** Every table's header cells, in order. */
    static List<List<String>> headers(String html) {
        List<List<String>> out = new ArrayList<>();
        Matcher t = Pattern.compile("<thead><tr>(.*?)</tr></thead>").matcher(html);
        while (t.find()) {
            List<String> cells = new ArrayList<>();
            Matcher c = Pattern.compile("<th>(.*?)</th>").matcher(t.group(1));
            while (c.find()) cells.add(c.group(1));
            out.add(cells);
        }
        return out;
    }

    /** The cells of the first row whose label is {@code label}. */
    static List<String> row(String html, String label) {
        return row(html, label, -1);
    }

    /** The cells of the first row whose label is {@code label} and that has {@code width} cells (-1: any). */
    static List<String> row(String html, String label, int width) {
        Matcher r = Pattern.compile("<tr><td>" + Pattern.quote(Html.esc(label)) + "</td>(.*?)</tr>").matcher(html);
        while (r.find()) {
            List<String> cells = new ArrayList<>(List.of(label));
            Matcher c = Pattern.compile("<td[^>]*>(.*?)</td>").matcher(r.group(1));
            while (c.find()) cells.add(c.group(1));
            if (width < 0 || cells.size() == width) return cells;
        }
        throw new AssertionError("no row '" + label + "' of " + width + " cells in " + html);
    }

    private static String strip(String cell) {
        return cell.replace("<strong>", "").replace("</strong>", "");
    }
}
