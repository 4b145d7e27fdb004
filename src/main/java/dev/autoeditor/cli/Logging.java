package dev.autoeditor.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.autoeditor.util.Progress;
import org.slf4j.LoggerFactory;

/** Maps -q / -v / -vv to log levels; third-party libraries stay at warnings unless -vv. */
final class Logging {
    private Logging() {}

    static void configure(int verbosity) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("dev.autoeditor");
        if (verbosity < 0) {
            ours.setLevel(Level.WARN);
            root.setLevel(Level.WARN);
            Progress.setEnabled(false);
        } else if (verbosity == 0) {
            ours.setLevel(Level.INFO);
            root.setLevel(Level.WARN);
        } else if (verbosity == 1) {
            ours.setLevel(Level.DEBUG);
            root.setLevel(Level.WARN);
        } else {
            ours.setLevel(Level.TRACE);
            root.setLevel(Level.DEBUG);
        }
    }
}
