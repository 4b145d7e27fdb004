package dev.autoeditor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.autoeditor.timeline.table.Fixtures;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
        // Seconds print with three decimals and may read 0.000 on these tiny files; the rates may not.
        assertTrue(Double.parseDouble(parse.group(2)) > 0 && Double.parseDouble(convert.group(2)) > 0, r.out());
        assertTrue(Long.parseLong(convert.group(3)) > 0, r.out());
        assertTrue(Double.parseDouble(ratio.group(1)) > 0, r.out());
    }

    @Test
    void warnsAboutTracksAboveV20OnceNotEveryRound() throws Exception {
        Fixtures.copy(dir, "many-tracks.xml");
        Logger logger = (Logger) LoggerFactory.getLogger("dev.autoeditor");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            CliRunner.Result r = CliRunner.run("bench", "convert", "-q", "--input", dir.toString(), "--warmup", "1", "--repeat", "3");
            assertEquals(0, r.code(), r.toString());
        } finally {
            logger.detachAppender(log);
        }
        long warnings = log.list.stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains("video tracks")).count();
        assertEquals(1, warnings, log.list.toString());
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("has 22 video tracks; the table keeps V1-V20")),
                log.list.toString());
    }

    @Test
    void nothingThatConvertsIsAClearError() throws Exception {
        Fixtures.copy(dir, "malformed.xml");
        CliRunner.Result r = CliRunner.run("bench", "convert", "-q", "--input", dir.toString(), "--repeat", "1");
        assertEquals(ExitCodes.FAILURE, r.code(), r.toString());
        assertTrue(r.err().contains("none of the 1 file(s) under [" + dir + "] converts"), r.err());
        assertTrue(r.err().contains("run auto-editor convert on them to see each file's error"), r.err());
    }

    @Test
    void benchWithoutSubcommandShowsUsage() {
        CliRunner.Result r = CliRunner.run("bench");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("convert"), r.out());
    }
}
