package dev.autoeditor.timeline;

/**
 * Basic Motion: scale in percent of the source's own pixel size, centre as a fraction of the sequence
 * frame with origin at the centre (+y down, +-0.5 at the edges).
 */
public record Motion(Param scale, Param centerX, Param centerY) {
    public static final Motion IDENTITY = new Motion(Param.constant(100), Param.constant(0), Param.constant(0));
}
