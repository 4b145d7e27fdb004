package dev.autoeditor.timeline;

/**
 * A transition item on a track, spanning timeline frames [start, end). {@code cutPoint} is the frame
 * offset from {@code start} where the outgoing clip gives way to the incoming one, or -1 when the file
 * gives none (then the alignment decides). {@code effectId} is e.g. "Cross Dissolve".
 */
public record Transition(long start, long end, Alignment alignment, long cutPoint, String effectId, String name)
        implements TrackItem {

    public enum Alignment {
        START("start"), CENTER("center"), END("end"), START_BLACK("start-black"), END_BLACK("end-black");

        private final String xml;

        Alignment(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        public static Alignment fromXml(String text) {
            for (Alignment a : values()) if (a.xml.equalsIgnoreCase(text.trim())) return a;
            return CENTER;
        }
    }

    /** Timeline frame at which the incoming clip takes over. */
    public long cutFrame() {
        if (cutPoint >= 0) return start + cutPoint;
        return switch (alignment) {
            case START, START_BLACK -> start;
            case END, END_BLACK -> end;
            case CENTER -> start + (end - start) / 2;
        };
    }
}
