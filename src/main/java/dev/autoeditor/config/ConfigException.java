package dev.autoeditor.config;

/** A setting that is unknown, of the wrong type, or out of range. The message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
