package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchConvertCommandTest {
    @TempDir
    Path dir;

    @Test
    void reportsConversionBesideParsingAndSkipsFilesThatDoNotConvert() throws Exception {
        Fixtures.copy(dir, "bezier.xml", "ntsc-motion.xml", "malformed.xml");
        CliRunner.Result r = CliRunner.run("bench", "convert", "-q", "--input", dir.toString(), "--warmup", "0", "--repeat", "3");
        assertEquals(0, r.code(), r.toString());
        // bezier (10 rows) and ntsc-motion (16 rows); the malformed file is skipped.
        assertTrue(r.out().contains("files 2 (1 skipped: they do not convert)"), r.out());
        assertTrue(r.out().contains("26 rows at 5 fps; median of 3 rounds after 0 warm-up"), r.out());
        Matcher parse = Pattern.compile("parse only .*?([0-9.]+) s +([0-9.]+) MB/s").matcher(r.out());
        Matcher convert = Pattern.compile("convert \\(model.*?([0-9.]+) s +([0-9.]+) MB/s +([0-9]+) rows/s").matcher(r.out());
        Matcher ratio = Pattern.compile("ratio: +([0-9.]+)").matcher(r.out());
        assertTrue(parse.find() && convert.find() && ratio.find(), r.out());
        double parseSeconds = Double.parseDouble(parse.group(1));
        double convertSeconds = Double.parseDouble(convert.group(1));
        assertTrue(parseSeconds > 0 && convertSeconds > 0, r.out());
        assertTrue(Double.parseDouble(ratio.group(1)) > 0, r.out());
    }

    @Test
    void benchWithoutSubcommandShowsUsage() {
        CliRunner.Result r = CliRunner.run("bench");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("convert"), r.out());
    }
}
