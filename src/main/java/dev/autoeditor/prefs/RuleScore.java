package dev.autoeditor.prefs;

/**
 * The rule-based judge's score of a continuation and what it is made of (docs/prefs.md). Each
 * penalty is before its weight; {@code score} = -(sum of weight x penalty), so 0 is a flawless edit
 * and higher is better.
 *
 * @param score       the weighted total, at most 0
 * @param shotLength  mean over the judged rows of |log2(shot length / target)| of the shot each row is in
 * @param flashFrames flash frames per 10 s judged
 * @param framing     mean uncovered fraction of the frame over the judged rows
 * @param jumpBack    jump backs per 10 s judged
 * @param shots       shots with at least one judged row
 * @param flashes     flash frames counted
 * @param jumpBacks   jump backs counted
 */
public record RuleScore(double score, double shotLength, double flashFrames, double framing, double jumpBack,
                        int shots, int flashes, int jumpBacks) {}
