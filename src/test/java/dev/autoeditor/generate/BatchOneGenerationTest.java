package dev.autoeditor.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.ConfigLoader;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.train.eval.InferenceSpeed;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What distill's {@code frames_per_s_batch1} times: the generation loop at batch 1 from a fixed prompt
 * whose context fills the model's window, the same frames on every run.
 */
class BatchOneGenerationTest {
    @Test
    void thePromptFillsAWholeContextAtAnyRateWithTimelineLeftAfterIt() {
        for (String rate : List.of("5", "2.5", "30000/1001", "native")) {
            SamplingRate sampling = SamplingRate.parse(rate, "rate");
            for (int context : new int[] {1, 31, 99, 499}) {
                PromptCut cut = BatchOneGeneration.prompt(sampling, context, 42);
                String what = rate + ", context " + context;
                assertTrue(cut.firstSample() >= context && cut.firstSample() <= context + 1, what + ": " + cut.firstSample() + " context samples");
                assertTrue(cut.cutFrame() < cut.original().lengthFrames(), what + ": the prompt's sequence goes on after the cut");
                // The context's last frame shows video: the loop continues an edit, not an empty timeline.
                double[] last = cut.contextRow(cut.firstSample() - 1);
                boolean active = false;
                for (int k = 0; k < KeyframeTable.TRACKS; k++) active |= last[k * KeyframeTable.FIELDS] > 0;
                assertTrue(active, what + ": the last context frame has an active track");
            }
        }
        // Fixed by the seed: the same prompt every time.
        PromptCut a = BatchOneGeneration.prompt(SamplingRate.parse("5", "rate"), 31, 42);
        PromptCut b = BatchOneGeneration.prompt(SamplingRate.parse("5", "rate"), 31, 42);
        assertArrayEquals(a.contextRow(30), b.contextRow(30));
    }

    @Test
    void everyRunGeneratesTheSameFramesWithTheTrainedModel() throws Exception {
        BatchOneGeneration generation = BatchOneGeneration.from(ConfigLoader.defaults(), 6);
        Supplier<Continuation> once = generation.continuation(TinyModel.artifact());
        Continuation first = once.get();
        Continuation second = once.get();
        assertEquals(6, first.generated());
        assertEquals(6, first.frames().size());
        for (int i = 0; i < 6; i++) assertArrayEquals(first.frames().get(i), second.frames().get(i), "frame " + i);
        assertEquals(first.logProb(), second.logProb());
        // The model saw a full window of context (its window length - 1 frames) before the first generated frame.
        assertTrue(first.prompt().cut().firstSample() >= TinyModel.artifact().data().windowLength() - 1);

        InferenceSpeed.Generation.Run run = generation.prepare(TinyModel.artifact());
        assertEquals(6, run.generate());
        assertTrue(generation.describe().contains("Generator") && generation.describe().contains("batch 1"), generation.describe());
    }
}
