package dev.autoeditor.util;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of long work with rate and ETA. On a terminal it draws a bar on stderr; elsewhere (CI,
 * pipes, tests) it logs a line at every tenth of the way so logs stay readable.
 */
public final class Progress implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Progress.class);
    private static volatile boolean enabled = true;

    private final ProgressBar bar;
    private final String task;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private long nextReport;
    private String extra = "";

    private Progress(String task, long total, String unit) {
        this.task = task;
        this.total = total;
        this.nextReport = Math.max(1, total / 10);
        if (enabled && System.console() != null) {
            this.bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" " + unit, 1)
                    .showSpeed()
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .build();
        } else {
            this.bar = null;
        }
    }

    /** Starts tracking {@code total} units of {@code task} (use -1 when unknown). */
    public static Progress start(String task, long total, String unit) {
        return new Progress(task, total, unit);
    }

    /** Turns bars off (quiet mode); the periodic log lines remain at debug level. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    public synchronized void step(long n) {
        done += n;
        if (bar != null) {
            bar.stepBy(n);
        } else if (total > 0 && done >= nextReport) {
            nextReport += Math.max(1, total / 10);
            double secs = (System.nanoTime() - startNanos) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long etaSecs = rate > 0 ? (long) ((total - done) / rate) : 0;
            log.info("{}: {}/{} ({}%), {}/s, ETA {}{}", task, done, total, 100 * done / total,
                    String.format("%.1f", rate), Duration.ofSeconds(etaSecs).toString().substring(2).toLowerCase(), extra);
        }
    }

    /** Text shown beside the bar, such as the current loss. */
    public synchronized void setExtra(String text) {
        this.extra = text.isEmpty() ? "" : " " + text;
        if (bar != null) bar.setExtraMessage(text);
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
    }
}
