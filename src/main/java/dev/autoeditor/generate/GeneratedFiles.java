package dev.autoeditor.generate;

import dev.autoeditor.timeline.EditCheck;
import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.table.KeyframeCsv;
import dev.autoeditor.timeline.table.PromptCut;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.timeline.xmeml.XmemlWriter;
import dev.autoeditor.util.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a continuation: the edit as xmeml (after the structural check) and, where asked, its frames
 * as a keyframe CSV in exactly the format {@code convert} writes (contract 4: the rows converting the
 * written edit gives for the generated part, project named after the XML file as convert names it).
 * Every file is written under a temporary name and moved into place.
 */
public final class GeneratedFiles {
    private GeneratedFiles() {}

    /** What was written: the structural check of the edit. */
    public record Written(Sequence edit, EditCheck.Report check) {}

    /** The edit to {@code xml}, and the generated frames to {@code framesCsv} when it is not null. */
    public static Written write(Continuation c, Path xml, Path framesCsv) throws IOException {
        PromptCut cut = c.prompt().cut();
        Sequence edit = c.edit();
        EditCheck.Report check = EditCheck.check(edit, cut.cutFrame());
        if (!check.ok()) {
            // The loop only places what the cursor allows, so this is a bug, not bad input: say what broke.
            throw new IllegalStateException("the generated edit of " + cut.original().name() + " fails the structural check: "
                    + check.problems().subList(0, Math.min(5, check.problems().size())));
        }
        Project project = new Project(cut.project().name(), List.of(edit));
        if (framesCsv != null) writeFrames(c, XmemlReader.projectName(xml), framesCsv);
        new XmemlWriter().write(project, xml);
        return new Written(edit, check);
    }

    /** The generated frames as a keyframe CSV, rows named {@code project} and the sequence's name. */
    public static void writeFrames(Continuation c, String project, Path csv) throws IOException {
        String sequence = c.prompt().cut().original().name();
        AtomicFiles.writeStream(csv, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            KeyframeCsv table = new KeyframeCsv(w);
            table.writeHeader();
            c.builder().writeFrames(table.rowsOf(project, sequence));
            table.flush();
        });
    }

    /**
     * Rows of {@code cut}'s grid from sample {@code first} on (keyframe-table rows, one per sample) as a
     * keyframe CSV named {@code project} and {@code sequence}: a true continuation beside a generated one.
     */
    public static void writeRows(PromptCut cut, long first, List<double[]> rows, String project, String sequence, Path csv) throws IOException {
        AtomicFiles.writeStream(csv, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            KeyframeCsv table = new KeyframeCsv(w);
            table.writeHeader();
            var consumer = table.rowsOf(project, sequence);
            for (int j = 0; j < rows.size(); j++) {
                long frame = cut.frameOfSample(first + j);
                consumer.accept(frame, cut.cut().rate().seconds(frame), rows.get(j).clone());
            }
            table.flush();
        });
    }
}
