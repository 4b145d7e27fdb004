package dev.autoeditor.data;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigLoader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in profiles' own corpora split into three non-empty splits (issue 18, item 4: training
 * refuses an empty validation or test split, so the defaults must never make one).
 */
class SplitCountsTest {
    @Test
    void theProfilesSyntheticCorporaGiveEverySplitAProject() {
        for (String profile : List.of("default", "tiny", "full")) {
            Config cfg = ConfigLoader.load(profile, null, List.of());
            PreprocessSettings s = PreprocessSettings.from(cfg);
            SplitPlanner planner = new SplitPlanner(s.trainFraction(), s.valFraction(), s.dropDuplicates(), s.seed());
            int projects = cfg.getInt("synth.projects");
            int[] counts = planner.counts(projects);
            assertTrue(Arrays.stream(counts).allMatch(c -> c >= 1), profile + ": " + projects + " projects split " + Arrays.toString(counts));
            // And every corpus of 3 projects or more, as the planner promises.
            for (int n = 3; n <= 200; n++) {
                int[] c = planner.counts(n);
                assertTrue(Arrays.stream(c).allMatch(k -> k >= 1), profile + ": " + n + " groups split " + Arrays.toString(c));
            }
        }
    }
}
