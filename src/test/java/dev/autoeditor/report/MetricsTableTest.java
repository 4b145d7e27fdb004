package dev.autoeditor.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics files as MetricsWriter writes them, whole and damaged. */
class MetricsTableTest {
    @TempDir
    Path tmp;

    @Test
    void columnsComeFromTheHeaderAndBooleansReadAsNumbers() throws Exception {
        Path f = tmp.resolve("epochs.csv");
        Files.writeString(f, "epoch,step,train_loss,val_loss_new_part,improved\n0,5,0.5,0.25,true\n1,10,0.4,NaN,false\n");
        MetricsTable t = MetricsTable.read(f, "m/epochs.csv");
        assertEquals(List.of("epoch", "step", "train_loss", "val_loss_new_part", "improved"), t.columns());
        assertEquals(2, t.size());
        assertArrayEquals(new double[] {1, 0}, t.values("improved"));
        assertTrue(Double.isNaN(t.values("val_loss_new_part")[1]));
        assertTrue(t.numeric("val_loss_new_part"));
        assertTrue(t.problems().isEmpty(), t.problems().toString());
    }

    @Test
    void aRowCutShortByAKillKeepsTheRowsBeforeIt() throws Exception {
        Path f = tmp.resolve("steps.csv");
        Files.writeString(f, "epoch,step,loss,lr\n0,1,0.5,0.001\n0,2,0.4,0.001\n0,3,0.3");
        MetricsTable t = MetricsTable.read(f, "checkpoints/x/metrics/steps.csv");
        assertEquals(2, t.size());
        assertEquals(List.of("checkpoints/x/metrics/steps.csv line 4 has 3 of 4 fields: the file ends mid-row (a run stopped while writing?); "
                + "the 2 rows before it are shown"), t.problems());
    }

    @Test
    void aCompleteLastRowWithoutLineEndIsShownAndFlagged() throws Exception {
        Path f = tmp.resolve("steps.csv");
        Files.writeString(f, "step,loss\n1,0.5\n2,0.4");
        MetricsTable t = MetricsTable.read(f, "steps.csv");
        assertEquals(2, t.size());
        assertEquals(1, t.problems().size());
        assertTrue(t.problems().get(0).contains("line 3 has no line end"), t.problems().toString());
    }

    @Test
    void aBadRowInTheMiddleIsLeftOutAndNamed() throws Exception {
        Path f = tmp.resolve("steps.csv");
        Files.writeString(f, "step,loss\n1,0.5\n2\n3,0.3\n");
        MetricsTable t = MetricsTable.read(f, "steps.csv");
        assertArrayEquals(new double[] {1, 3}, t.values("step"));
        assertEquals(List.of("steps.csv line 3 has 1 fields where the header has 2; that row is left out"), t.problems());
    }

    @Test
    void jsonLinesCutShortAndEmptyFiles() throws Exception {
        Path f = tmp.resolve("ppo.jsonl");
        Files.writeString(f, "{\"iteration\":1,\"objective/kl\":0.1}\n{\"iteration\":2,\"objective/kl\":0.2,\"new\":true}\n{\"iteration\":3,\"obj");
        MetricsTable t = MetricsTable.read(f, "ppo.jsonl");
        assertEquals(List.of("iteration", "objective/kl", "new"), t.columns());
        assertEquals(2, t.size());
        assertTrue(Double.isNaN(t.values("new")[0]));
        assertEquals(List.of("ppo.jsonl line 3 is cut short (a run stopped while writing?); the rows before it are shown"), t.problems());

        Path empty = tmp.resolve("empty.csv");
        Files.writeString(empty, "");
        assertEquals(List.of("e.csv is empty: no row was written yet"), MetricsTable.read(empty, "e.csv").problems());
    }
}
