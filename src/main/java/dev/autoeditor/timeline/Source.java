package dev.autoeditor.timeline;

/**
 * What a clip shows. {@link #key()} identifies the source within a sequence: two clips with the same
 * key are the same asset.
 */
public sealed interface Source permits Source.File, Source.Nested, Source.Multicam, Source.Generator {

    String key();

    /**
     * A media file. {@code durationFrames} is the file's length in its own rate (stills report about
     * 12 hours); {@code width}/{@code height} its pixel size, 0 when not given; {@code audioChannels}
     * the audio channels its {@code <media>} declares (0: none declared, as for stills and video-only
     * files).
     */
    record File(String id, String name, String pathUrl, long durationFrames, Rate rate, int width, int height,
                boolean still, int audioChannels) implements Source {
        public File {
            if (audioChannels < 0) throw new IllegalArgumentException("negative audio channel count " + audioChannels);
        }

        /** A file without declared audio. */
        public File(String id, String name, String pathUrl, long durationFrames, Rate rate, int width, int height,
                    boolean still) {
            this(id, name, pathUrl, durationFrames, rate, width, height, still, 0);
        }

        @Override
        public String key() {
            return "file:" + id;
        }
    }

    /** A nested sequence used as a clip. */
    record Nested(String id, String name, Sequence sequence) implements Source {
        @Override
        public String key() {
            return "sequence:" + id;
        }
    }

    /** A multicam clip (identified by the multicam source's id). */
    record Multicam(String id, String name) implements Source {
        @Override
        public String key() {
            return "multicam:" + id;
        }
    }

    /** A generator (colour matte, slug, text): identified by its effect id and name. */
    record Generator(String effectId, String name) implements Source {
        @Override
        public String key() {
            return "generator:" + effectId + ":" + name;
        }
    }
}
