package dev.autoeditor.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class CutMatchingTest {
    private static int matches(int[] truth, int[] predicted, int tolerance) {
        return CutMatching.matches(truth, truth.length, predicted, predicted.length, tolerance);
    }

    @Test
    void matchesExactlyAtTheToleranceAndNotOneFrameBeyond() {
        assertEquals(1, matches(new int[] {10}, new int[] {12}, 2));
        assertEquals(1, matches(new int[] {10}, new int[] {8}, 2));
        assertEquals(0, matches(new int[] {10}, new int[] {13}, 2));
        assertEquals(0, matches(new int[] {10}, new int[] {7}, 2));
    }

    @Test
    void toleranceZeroNeedsTheSameFrame() {
        assertEquals(1, matches(new int[] {4, 9}, new int[] {4, 10}, 0));
    }

    @Test
    void eachCutMatchesAtMostOnce() {
        // Two predictions near one true cut: one match, the other is a false positive.
        assertEquals(1, matches(new int[] {5}, new int[] {4, 6}, 2));
        // Two true cuts near one prediction: one match, the other is missed.
        assertEquals(1, matches(new int[] {5, 6}, new int[] {5}, 2));
    }

    @Test
    void findsTheMaximumWhereNearestFirstWouldNot() {
        // Prediction 4 is nearest to true cut 5, but giving it to 5 would strand true cut 2;
        // the maximum matching pairs 2-4 and 5-6.
        assertEquals(2, matches(new int[] {2, 5}, new int[] {4, 6}, 2));
        assertEquals(3, matches(new int[] {3, 6, 8}, new int[] {1, 4, 9}, 2));
    }

    @Test
    void emptyListsMatchNothing() {
        assertEquals(0, matches(new int[] {}, new int[] {3}, 2));
        assertEquals(0, matches(new int[] {3}, new int[] {}, 2));
    }

    @Property(tries = 300)
    void twoPointerSweepEqualsExhaustiveMaximum(
            @ForAll @Size(max = 7) @UniqueElements List<@IntRange(min = 0, max = 30) Integer> truthList,
            @ForAll @Size(max = 7) @UniqueElements List<@IntRange(min = 0, max = 30) Integer> predictedList,
            @ForAll @IntRange(min = 0, max = 4) int tolerance) {
        int[] truth = new TreeSet<>(truthList).stream().mapToInt(Integer::intValue).toArray();
        int[] predicted = new TreeSet<>(predictedList).stream().mapToInt(Integer::intValue).toArray();
        assertEquals(exhaustive(truth, 0, predicted, new boolean[predicted.length], tolerance),
                matches(truth, predicted, tolerance), Arrays.toString(truth) + " " + Arrays.toString(predicted));
    }

    /** Maximum bipartite matching by trying every choice for each true cut. */
    private static int exhaustive(int[] truth, int i, int[] predicted, boolean[] used, int tolerance) {
        if (i == truth.length) return 0;
        int best = exhaustive(truth, i + 1, predicted, used, tolerance); // leave truth[i] unmatched
        for (int j = 0; j < predicted.length; j++) {
            if (!used[j] && Math.abs(predicted[j] - truth[i]) <= tolerance) {
                used[j] = true;
                best = Math.max(best, 1 + exhaustive(truth, i + 1, predicted, used, tolerance));
                used[j] = false;
            }
        }
        return best;
    }
}
