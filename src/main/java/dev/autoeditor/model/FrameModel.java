package dev.autoeditor.model;

/**
 * A network whose graph holds the frame transformer's trunk and heads, whatever else it carries: the
 * frame transformer itself, and the RLHF policy (which adds a value head that generation ignores).
 * Evaluation, calibration and generation load either through this view.
 */
public interface FrameModel extends Network {
    /** The frame transformer over this network's graph (the same weights; extra heads are never computed by it). */
    TransformerModel frameTransformer();
}
