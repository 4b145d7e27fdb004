package dev.autoeditor.report;

import java.util.List;

/**
 * One part of the page.
 *
 * @param id       the anchor (also a stable name for tests)
 * @param title    the heading
 * @param html     the body, already escaped
 * @param problems what was wrong with its input files (also shown in the body)
 */
public record Section(String id, String title, String html, List<String> problems) {}
