package dev.autoeditor.train;

import java.nio.file.Path;

/**
 * How a training run ended.
 *
 * @param epochsDone     completed epochs (over the whole run, resumes included)
 * @param steps          optimisation steps done
 * @param bestValLoss    best validation loss seen
 * @param lastValLoss    validation loss after the last epoch (NaN if none finished)
 * @param stoppedEarly   early stopping ended the run
 * @param lastCheckpoint the last checkpoint's JSON
 * @param bestCheckpoint the best checkpoint's JSON (null if none yet)
 * @param parameters     trainable values in the model
 */
public record TrainResult(int epochsDone, long steps, double bestValLoss, double lastValLoss, boolean stoppedEarly,
                          Path lastCheckpoint, Path bestCheckpoint, long parameters) {}
