package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.pipeline.RunLayout;
import dev.autoeditor.prefs.PairStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rlhf phase through the real CLI on the tiny profile: full-run ends with the tuned policy as the
 * run's final model (evaluate loads it as a frame transformer), summary.json has the keys the issue
 * names, PPO's metrics TRL's names; {@code prefs simulate} appends judged pairs and prints the tie rate
 * and margins; pair files named in rlhf.pairs are hashed, so adding pairs makes the phase stale, and
 * the reward model then learns from them.
 */
class RlhfCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    static String[] tiny(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--profile", "tiny", "--set", "train.max_steps=2"}, 0, all, args.length, 4);
        return all;
    }

    @Test
    void fullRunTunesThePolicyAndPairFilesDriveTheRewardModel() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Result full = CliRunner.run(tiny("full-run", "--run-dir", run.toString(), "-q", "--set", "report.enabled=false"));
        assertEquals(0, full.code(), full.toString());
        RunLayout layout = new RunLayout(run);
        Path rlhf = run.resolve("checkpoints/rlhf");
        assertEquals(rlhf.resolve("last.json"), layout.finalModel().orElseThrow(), "the tuned policy is the run's final model");
        JsonNode last = JSON.readTree(rlhf.resolve("last.json").toFile());
        assertEquals("policy", last.get("kind").asText());
        assertTrue(last.get("calibration").isObject(), "the policy is calibrated like every final model");

        JsonNode s = JSON.readTree(rlhf.resolve("summary.json").toFile());
        assertEquals(24, s.at("/pairs/count").asInt());
        assertEquals("simulated", s.at("/pairs/source").asText());
        assertTrue(s.at("/pairs/heldout").isInt());
        for (String key : List.of("/reward_model/heldout_accuracy", "/reward_model/policy_sample_accuracy")) {
            assertTrue(s.at(key).isNumber() || s.at(key).isNull(), key + " in " + s);
        }
        for (String key : List.of("win_rate", "win_rate_low", "win_rate_high", "ties", "kl_to_reference", "reward_model_score")) {
            assertTrue(s.at("/policy/" + key).isNumber(), key + " in " + s);
        }
        assertTrue(s.at("/reference/reward_model_score").isNumber());
        assertEquals(16, s.at("/policy/contexts").asInt());
        double low = s.at("/policy/win_rate_low").asDouble();
        double rate = s.at("/policy/win_rate").asDouble();
        assertTrue(low <= rate && rate <= s.at("/policy/win_rate_high").asDouble());
        List<String> metrics = Files.readAllLines(rlhf.resolve("metrics/ppo.jsonl"));
        assertEquals(2, metrics.size());
        JsonNode row = JSON.readTree(metrics.get(1));
        for (String name : List.of("objective/rlhf_reward", "objective/kl", "objective/entropy", "policy/clipfrac_avg", "policy/approxkl_avg",
                "loss/policy_avg", "loss/value_avg", "val/clipfrac_avg")) {
            assertTrue(row.get(name).isNumber(), name);
        }
        assertTrue(Files.readString(rlhf.resolve("metrics/ppo.csv")).startsWith("iteration,objective/kl,"));
        assertTrue(Files.isRegularFile(rlhf.resolve("reward-model/last.json")));

        // evaluate --run-dir reads the policy as a frame transformer.
        CliRunner.Result evaluated = CliRunner.run(tiny("evaluate", "--run-dir", run.toString(), "-q"));
        assertEquals(0, evaluated.code(), evaluated.toString());

        // prefs simulate: judged pairs appended to the run's pair file; the tie rate and margins printed.
        CliRunner.Result sim = CliRunner.run(tiny("prefs", "simulate", "--pairs", "12", "--run-dir", run.toString(),
                "--model", run.resolve("checkpoints/pretrain").toString()));
        assertEquals(0, sim.code(), sim.toString());
        assertTrue(sim.out().contains("appended 12 to"), sim.out());
        assertTrue(sim.out().contains("ties ") && sim.out().contains("score margin"), sim.out());
        Path pairs = run.resolve(PairStore.DEFAULT_FILE);
        assertEquals(12, new PairStore(pairs).read().pairs().size());
        CliRunner.Result again = CliRunner.run(tiny("prefs", "simulate", "--pairs", "12", "--run-dir", run.toString(),
                "--model", run.resolve("checkpoints/pretrain").toString()));
        assertTrue(again.out().contains("appended 0 to") && again.out().contains("12 already there"), again.out());

        // The pair file as rlhf.pairs: the phase is stale, then learns from those pairs.
        String setPairs = "rlhf.pairs=[" + pairs.toAbsolutePath() + "]";
        CliRunner.Result status = CliRunner.run(tiny("status", "--run-dir", run.toString(), "--set", setPairs));
        assertTrue(status.out().contains("rlhf") && status.out().contains("settings changed: rlhf.pairs"), status.out());
        CliRunner.Result tuned = CliRunner.run(tiny("rlhf", "--run-dir", run.toString(), "--set", setPairs));
        assertEquals(0, tuned.code(), tuned.toString());
        assertTrue(tuned.out().contains("pairs 12 (files)"), tuned.out());
        s = JSON.readTree(rlhf.resolve("summary.json").toFile());
        assertEquals("files", s.at("/pairs/source").asText());
        assertEquals(12, s.at("/pairs/count").asInt());

        // More pairs in the same file: the file's hash is an input, so the phase is stale again.
        CliRunner.Result more = CliRunner.run(tiny("prefs", "simulate", "--pairs", "6", "--seed", "7", "--run-dir", run.toString(),
                "--model", run.resolve("checkpoints/pretrain").toString()));
        assertEquals(0, more.code(), more.toString());
        CliRunner.Result stale = CliRunner.run(tiny("status", "--run-dir", run.toString(), "--set", setPairs));
        assertTrue(stale.out().matches("(?s).*rlhf\\s+stale.*"), stale.out());
    }
}
