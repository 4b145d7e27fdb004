package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.KeyframeColumns;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes keyframe table rows as CSV (RFC 4180 quoting, {@code \n} line ends, UTF-8 by the caller's
 * writer) with numbers in the {@link NumberText} format. The header is
 * {@link KeyframeColumns#HEADER}.
 */
public final class KeyframeCsv implements Closeable {
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final CSVPrinter printer;
    /** Reused for every number: Commons CSV prints a CharSequence without copying it. */
    private final StringBuilder cell = new StringBuilder(24);

    public KeyframeCsv(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    public void writeHeader() throws IOException {
        printer.printRecord(KeyframeColumns.HEADER);
    }

    /** A consumer that writes the rows of one sequence of one project. */
    public RowConsumer rowsOf(String project, String sequence) {
        return (frame, timeSeconds, values) -> {
            printer.print(project);
            printer.print(sequence);
            number(frame);
            number(timeSeconds);
            for (double v : values) number(v);
            printer.println();
        };
    }

    private void number(double v) throws IOException {
        cell.setLength(0);
        NumberText.append(cell, v);
        printer.print(cell);
    }

    public void flush() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close();
    }
}
