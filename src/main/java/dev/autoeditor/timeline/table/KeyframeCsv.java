package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.KeyframeColumns;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes keyframe table rows as CSV: RFC 4180 ({@link #FORMAT}, Commons CSV's default with {@code \n}
 * line ends), UTF-8 by the caller's writer, numbers in the {@link NumberText} format, header
 * {@link KeyframeColumns#HEADER}.
 *
 * <p>The text fields (project and sequence names, which may hold commas or quotes) are quoted by
 * Commons CSV once per sequence. The 182 numbers of a row never need quoting (digits, '-', '.'), so
 * they are appended straight to a reused row buffer: printing each cell through Commons CSV measured
 * about three times slower on the real exports (docs/convert.md), and the bytes are the same.
 */
public final class KeyframeCsv implements Closeable {
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build();

    private final Writer out;
    private final StringBuilder row = new StringBuilder(1024);

    public KeyframeCsv(Writer out) {
        this.out = out;
    }

    public void writeHeader() throws IOException {
        out.write(FORMAT.format(KeyframeColumns.HEADER.toArray()));
        out.write('\n');
    }

    /**
     * A consumer that writes the rows of one sequence of one project. Each track's nine fields are
     * formatted once and their text reused while they stay the same from row to row (inactive and
     * static tracks, most of a real table).
     */
    public RowConsumer rowsOf(String project, String sequence) {
        String prefix = FORMAT.format(project, sequence) + ",";
        int tracks = KeyframeColumns.TRACKS;
        int fields = KeyframeColumns.FIELDS_PER_TRACK;
        double[] previous = new double[tracks * fields];
        String[] trackText = new String[tracks];
        StringBuilder cell = new StringBuilder(128);
        return (frame, timeSeconds, values) -> {
            row.setLength(0);
            row.append(prefix).append(frame).append(',');
            NumberText.append(row, timeSeconds);
            for (int k = 0; k < tracks; k++) {
                int base = k * fields;
                if (trackText[k] == null || !Arrays.equals(values, base, base + fields, previous, base, base + fields)) {
                    cell.setLength(0);
                    for (int f = 0; f < fields; f++) {
                        cell.append(',');
                        NumberText.append(cell, values[base + f]);
                    }
                    trackText[k] = cell.toString();
                    System.arraycopy(values, base, previous, base, fields);
                }
                row.append(trackText[k]);
            }
            row.append('\n');
            out.append(row);
        };
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
