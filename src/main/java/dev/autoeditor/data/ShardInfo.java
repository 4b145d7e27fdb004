package dev.autoeditor.data;

/** One shard file of a split, as index.json lists it. */
public record ShardInfo(String file, int windows, long bytes, String sha256) {}
