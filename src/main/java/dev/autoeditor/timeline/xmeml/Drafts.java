package dev.autoeditor.timeline.xmeml;

import dev.autoeditor.timeline.Clip;
import dev.autoeditor.timeline.Crop;
import dev.autoeditor.timeline.Motion;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Transition;
import dev.autoeditor.timeline.XmlElement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Mutable shapes filled during the single streaming pass. References by id ({@code <file id="x"/>},
 * {@code <sequence id="x"/>}, {@code <multiclip id="x"/>}) may point forwards in real exports, so
 * sources are resolved into the immutable timeline records only after the document has been read
 * (see {@link ModelBuilder}).
 */
final class Drafts {
    private Drafts() {}

    /** A {@code <file>}: a full definition, or an empty reference by id ({@link #defined} false). */
    static final class FileDraft {
        String id;
        boolean defined;
        String name;
        String pathUrl;
        String mediaSource;
        long duration = -1;
        long videoDuration = -1;
        Rate rate;
        int width;
        int height;
        boolean still;
        /** Audio channels over the file's {@code <media><audio>} streams. */
        int audioChannels;
    }

    /** A {@code <sequence>}: a definition, or an empty reference by id. */
    static final class SequenceDraft {
        String id;
        boolean defined;
        int line;
        String name;
        Rate rate;
        /** Why the {@code <rate>} gives no usable frame rate ("<timebase> 0"), or null. */
        String rateProblem;
        long duration;
        int width;
        int height;
        final List<TrackDraft> tracks = new ArrayList<>();
        final List<TrackDraft> audioTracks = new ArrayList<>();
    }

    static final class TrackDraft {
        boolean audio;
        boolean enabled = true;
        /** {@link ClipDraft}s and {@link TransitionDraft}s in document order. */
        final List<Object> items = new ArrayList<>();
    }

    static final class ClipDraft {
        int line;
        String id;
        String name;
        String masterclipId;
        boolean enabled = true;
        boolean generatorItem;
        Long start;
        Long end;
        Long in;
        Long out;
        long duration = -1;
        Rate rate;
        boolean still;
        FileDraft file;
        SequenceDraft sequence;
        String multiclipId;
        String multiclipName;
        /** Effect id and name of a generator: a {@code <generatoritem>}'s effect or a clip's generator filter. */
        String generatorId;
        String generatorName;
        Motion motion = Motion.IDENTITY;
        Crop crop = Crop.NONE;
        boolean motionSeen;
        boolean cropSeen;
        final Set<Clip.Unsupported> unsupported = EnumSet.noneOf(Clip.Unsupported.class);
        /** Where the item stands: on an audio track or not, 1-based track, 1-based item (transitions counted). */
        boolean audio;
        int trackIndex;
        int itemIndex;
        int sourceTrack;
        final List<LinkDraft> links = new ArrayList<>();
        final List<XmlElement> keptFilters = new ArrayList<>();
    }

    /**
     * A {@code <link>}: Premiere names the linked item by id ({@code <linkclipref>}); older exports only
     * by place (media type, 1-based track, 1-based item with transitions counted).
     */
    static final class LinkDraft {
        int line;
        String clipRef;
        String mediaType;
        int trackIndex;
        int clipIndex;
    }

    static final class TransitionDraft {
        int line;
        long start = -1;
        long end = -1;
        Transition.Alignment alignment = Transition.Alignment.CENTER;
        long cutPoint = -1;
        long cutPointTicks = -1;
        Rate rate;
        String effectId;
        String name;
    }
}
