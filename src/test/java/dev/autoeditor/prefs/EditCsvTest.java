package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.ConvertOptions;
import dev.autoeditor.timeline.table.Converter;
import dev.autoeditor.timeline.table.KeyframeTable;
import dev.autoeditor.timeline.table.SamplingRate;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.UserException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits read from convert's keyframe CSV equal the table's rows, sequence by sequence. */
class EditCsvTest {
    @TempDir
    Path dir;

    @Test
    void aConvertedCsvReadsAsTheTablesRows() throws Exception {
        ExportFixtures.write(dir.resolve("x"));
        Path csv = dir.resolve("k.csv");
        SamplingRate fps = new SamplingRate(5, 1);
        Converter.convertXmeml(List.of(dir.resolve("x/ctx.xml"), dir.resolve("x/side-b.xml")), csv,
                new ConvertOptions(fps, 1, false, Map.of()));
        List<EditCsv.SequenceEdit> edits = EditCsv.read(csv, fps, SourceSizes.UNKNOWN);
        assertEquals(List.of("ctx", "side-b"), edits.stream().map(EditCsv.SequenceEdit::project).toList());
        Sequence ctx = new XmemlReader().read(dir.resolve("x/ctx.xml")).sequences().get(0);
        Edit expected = Edit.of(fps, KeyframeTable.of(ctx).rows(fps), SourceSizes.UNKNOWN);
        assertEquals(expected, edits.get(0).edit());
        assertEquals(60, expected.rows());
        assertEquals(expected, EditCsv.read(csv, fps, "ctx", "Sequence 1", SourceSizes.UNKNOWN));
        UserException e = assertThrows(UserException.class, () -> EditCsv.read(csv, fps, "ctx", "Other", SourceSizes.UNKNOWN));
        assertTrue(e.getMessage().contains("no rows of sequence 'Other' of project 'ctx'; it holds [ctx / Sequence 1, side-b / Sequence 1]"),
                e.getMessage());
    }
}
