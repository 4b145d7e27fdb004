package dev.autoeditor.model;

/**
 * A model's predictions for a batch: entry t is the prediction of frame t+1 from frames 0..t, for each
 * window b and track k. Flat row-major arrays.
 *
 * @param activeProb  [B, T, K] probability that track k is active at t+1
 * @param assetProbs  [B, T, K, C] distribution over relabelled asset classes at t+1
 * @param regression  [B, T, K, R] normalised regression values at t+1 (means)
 */
public record Predictions(int size, int length, int classes, float[] activeProb, float[] assetProbs, float[] regression) {}
