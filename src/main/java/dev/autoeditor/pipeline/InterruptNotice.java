package dev.autoeditor.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an interrupted run directory holds, in one line for the interruption notice: the phase that was
 * running, the phases done, the running phase's newest checkpoint (a {@code last.json} in one of its
 * output folders) with its epoch and step, and the command that resumes.
 */
public final class InterruptNotice {
    private static final ObjectMapper JSON = new ObjectMapper();

    private InterruptNotice() {}

    static String describe(RunLayout layout, Map<String, PhaseRecord> phases, Phase running, String resumeCommand) {
        List<String> done = new ArrayList<>();
        for (Map.Entry<String, PhaseRecord> e : List.copyOf(phases.entrySet())) {
            if (PhaseRecord.DONE.equals(e.getValue().status) && !e.getKey().equals(running.name())) done.add(e.getKey());
        }
        StringBuilder line = new StringBuilder("phase " + running.name() + " of run directory " + layout.root() + " stopped; saved:");
        line.append(done.isEmpty() ? " no phase finished yet" : " phases " + String.join(", ", done) + " are done");
        String checkpoint = newestCheckpoint(layout, running);
        if (checkpoint != null) line.append("; ").append(running.name()).append("'s newest checkpoint ").append(checkpoint);
        else if (running.resumable()) line.append("; ").append(running.name()).append(" has no checkpoint yet and starts over");
        else line.append("; ").append(running.name()).append(" starts over (its outputs are written under temporary names)");
        return line.append("; resume with: ").append(resumeCommand).toString();
    }

    /** "PATH (epoch N done, step M)" for a last.json among the phase's output folders, or null. */
    private static String newestCheckpoint(RunLayout layout, Phase phase) {
        for (String out : phase.outputs()) {
            String found = checkpointIn(layout.resolve(out));
            if (found != null) return found;
        }
        return null;
    }

    /** "DIR/last.json (epoch N done, step M)" when {@code dir} holds a checkpoint, else null. */
    public static String checkpointIn(Path dir) {
        Path json = dir.resolve("last.json");
        if (!Files.isRegularFile(json)) return null;
        try {
            JsonNode doc = JSON.readTree(json.toFile());
            // Checkpoint format 2 keeps the training state under "training"; format 1 kept it at the top.
            JsonNode state = doc.has("training") ? doc.path("training") : doc;
            return json + " (epoch " + state.path("epochs_done").asText("?") + " done, step " + state.path("step").asText("?") + ")";
        } catch (java.io.IOException | RuntimeException e) {
            return json + " (unreadable now: " + e.getMessage() + ")";
        }
    }
}
