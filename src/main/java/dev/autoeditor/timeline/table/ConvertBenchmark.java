package dev.autoeditor.timeline.table;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.xmeml.SecureXmlInput;
import dev.autoeditor.timeline.xmeml.XmemlReader;
import dev.autoeditor.util.UserException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures conversion speed against the floor set by the XML parser: for the same bytes held in
 * memory, (a) a bare loop over {@link XMLStreamReader#next()} on the reader's own Woodstox factory
 * ({@link SecureXmlInput}: DTDs, entities and namespaces off), and (b) the full conversion on one thread
 * (read into the timeline model, lay out the table, sample and format every CSV row into a null
 * writer). Disk I/O is left out of both. After warm-up rounds, each round times both over all files;
 * the medians are reported.
 */
public final class ConvertBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ConvertBenchmark.class);

    /** Medians over the measured rounds. */
    public record Result(int files, int skipped, long bytes, long rows, int rounds, double parseSeconds,
                         double convertSeconds) {
        public double parseMBps() {
            return bytes / 1e6 / parseSeconds;
        }

        public double convertMBps() {
            return bytes / 1e6 / convertSeconds;
        }

        public double rowsPerSecond() {
            return rows / convertSeconds;
        }

        /** How many times longer converting takes than parsing alone. */
        public double ratio() {
            return convertSeconds / parseSeconds;
        }
    }

    private final XmemlReader reader = new XmemlReader();

    /** Runs the benchmark on the xmeml files under {@code inputs}; files that do not convert are skipped. */
    public Result run(List<Path> inputs, SamplingRate sampling, int warmup, int rounds) throws IOException {
        if (rounds < 1 || warmup < 0) throw new UserException("--repeat must be at least 1 and --warmup at least 0");
        List<Path> files = InputFiles.expand(inputs);
        List<byte[]> contents = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int skipped = 0;
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            try {
                // Warnings (tracks above V20) are logged once here, not again in every round.
                for (String warning : convert(bytes, f.toString(), sampling).warnings()) log.warn("{}: {}", f, warning);
                contents.add(bytes);
                names.add(f.toString());
            } catch (UserException e) {
                skipped++;
                log.debug("skipped {}", e.getMessage());
            }
        }
        if (contents.isEmpty()) throw new UserException("none of the " + files.size() + " file(s) under " + inputs
                + " converts, so there is nothing to measure; run auto-editor convert on them to see each file's error");
        long bytes = contents.stream().mapToLong(b -> b.length).sum();
        double[] parse = new double[rounds];
        double[] convert = new double[rounds];
        long rows = 0;
        for (int round = -warmup; round < rounds; round++) {
            long t0 = System.nanoTime();
            long events = 0;
            for (byte[] b : contents) events += parseOnly(b);
            long t1 = System.nanoTime();
            long r = 0;
            for (int i = 0; i < contents.size(); i++) r += convert(contents.get(i), names.get(i), sampling).rows();
            long t2 = System.nanoTime();
            rows = r;
            if (round >= 0) {
                parse[round] = (t1 - t0) / 1e9;
                convert[round] = (t2 - t1) / 1e9;
            }
            log.info("{} {}: parse {} s ({} events), convert {} s ({} rows)", round < 0 ? "warm-up" : "round",
                    round < 0 ? round + warmup + 1 : round + 1, String.format("%.3f", (t1 - t0) / 1e9), events,
                    String.format("%.3f", (t2 - t1) / 1e9), r);
        }
        return new Result(contents.size(), skipped, bytes, rows, rounds, median(parse), median(convert));
    }

    private long parseOnly(byte[] bytes) {
        try {
            XMLStreamReader r = SecureXmlInput.open(new ByteArrayInputStream(bytes), "bench");
            long events = 0;
            while (r.hasNext()) {
                r.next();
                events++;
            }
            r.close();
            return events;
        } catch (XMLStreamException e) {
            throw new UserException("parse failed: " + e.getMessage(), e);
        }
    }

    /** What converting one file gave: rows, and the warnings a conversion would print. */
    private record Converted(long rows, List<String> warnings) {}

    private Converted convert(byte[] bytes, String name, SamplingRate sampling) throws IOException {
        Project p = reader.read(new ByteArrayInputStream(bytes), name, "bench");
        long rows = 0;
        List<String> warnings = new ArrayList<>();
        try (KeyframeCsv csv = new KeyframeCsv(Writer.nullWriter())) {
            for (Sequence s : p.sequences()) {
                KeyframeTable t = KeyframeTable.of(s);
                if (t.lengthFrames() == 0) continue;
                if (t.droppedTracksWarning() != null) warnings.add(t.droppedTracksWarning());
                rows += t.write(sampling, csv.rowsOf(p.name(), s.name()));
            }
        }
        return new Converted(rows, warnings);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
