package dev.autoeditor.report;

/**
 * A rendered chart or picture: PNG bytes, its size in pixels, and a text description for the page
 * (the img alt text, also what a reader without images gets).
 */
public record ChartImage(byte[] png, int width, int height, String description) {}
