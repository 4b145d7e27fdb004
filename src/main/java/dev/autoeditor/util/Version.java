package dev.autoeditor.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The program's version and the library versions it was built with. */
public final class Version {
    private static final Properties PROPS = load();

    private Version() {}

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/autoeditor/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // fall back to "unknown" below
        }
        return p;
    }

    public static String version() {
        return PROPS.getProperty("version", "unknown");
    }

    public static String dl4j() {
        return PROPS.getProperty("dl4j", "unknown");
    }
}
