package dev.autoeditor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.autoeditor.pipeline.RlhfPhase;
import dev.autoeditor.rl.RlhfRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code auto-editor rlhf}: the reward model and PPO, run in the run directory like {@code full-run --only rlhf}. */
@Command(name = "rlhf", mixinStandardHelpOptions = true,
        description = {"Train a reward model on preference pairs (rlhf.pairs, or pairs simulated with the rule judge), then tune the "
                + "last enabled model phase's model toward it with PPO (rlhf.*), in the run directory's checkpoints/rlhf/.",
                "Writes checkpoints/rlhf/{last.json, reward-model/, metrics/ppo.{jsonl,csv}, summary.json}; docs/rlhf.md."})
public final class RlhfCommand extends BaseCommand {
    @Mixin
    RunDirOptions run;

    @Option(names = "--force", description = "Redo even when up to date, and replace files this run did not make.")
    boolean force;

    @Override
    protected int run() throws Exception {
        int code = PhaseRunner.runOnly(this, run, RlhfPhase.NAME, force);
        Path summary = run.layout().resolve(RlhfPhase.OUTPUT).resolve(RlhfRun.SUMMARY);
        if (Files.isRegularFile(summary)) print(new ObjectMapper().readTree(summary.toFile()), summary(), summary);
        return code;
    }

    /** The figures of summary.json as a few lines. */
    static void print(JsonNode s, PrintWriter out, Path file) {
        JsonNode pairs = s.path("pairs");
        JsonNode rm = s.path("reward_model");
        JsonNode policy = s.path("policy");
        out.printf(java.util.Locale.ROOT, "  pairs %d (%s), %d held out%n", pairs.path("count").asInt(), pairs.path("source").asText(), pairs.path("heldout").asInt());
        out.printf(java.util.Locale.ROOT, "  reward model: held-out accuracy %s, on the tuned policy's pairs %s%n", number(rm.path("heldout_accuracy")),
                number(rm.path("policy_sample_accuracy")));
        out.printf(java.util.Locale.ROOT, "  policy vs reference (rule judge, %d held-out contexts): win rate %s [%s, %s], %d ties; KL %s nats%n",
                policy.path("contexts").asInt(), number(policy.path("win_rate")), number(policy.path("win_rate_low")),
                number(policy.path("win_rate_high")), policy.path("ties").asInt(), number(policy.path("kl_to_reference")));
        out.printf(java.util.Locale.ROOT, "  reward model score: policy %s, reference %s%n", number(policy.path("reward_model_score")),
                number(s.path("reference").path("reward_model_score")));
        out.printf(java.util.Locale.ROOT, "  %s%n", file);
    }

    private static String number(JsonNode n) {
        return n.isNumber() ? String.format(java.util.Locale.ROOT, "%.3f", n.asDouble()) : "n/a";
    }
}
