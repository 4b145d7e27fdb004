package dev.autoeditor.prefs;

import dev.autoeditor.config.Config;
import dev.autoeditor.config.ConfigException;
import dev.autoeditor.timeline.table.NumberText;

/**
 * The rule-based judge's settings ({@code prefs.judge.*}; docs/prefs.md gives the rules).
 *
 * @param targetShotS    the shot length an editor aims for, seconds
 * @param minShotFrames  a shot shorter than this many rows (frames at the edit's rate) is a flash frame
 * @param jumpBackS      a cut back to the picture left less than this many seconds earlier is a jump back
 * @param tieTolerance   scores this close or closer are a tie
 * @param weightShotLength weight of the shot-length penalty (per doubling or halving of the target)
 * @param weightFlash    weight of the flash-frame penalty (per flash frame per 10 s)
 * @param weightFraming  weight of the framing penalty (per frame left fully uncovered)
 * @param weightJumpBack weight of the jump-back penalty (per jump back per 10 s)
 */
public record JudgeSettings(double targetShotS, int minShotFrames, double jumpBackS, double tieTolerance,
                            double weightShotLength, double weightFlash, double weightFraming, double weightJumpBack) {
    /** The version of the rules; part of {@link #id()}, so pairs judged by other rules are told apart. */
    public static final String RULES = "rule-judge/1";

    public JudgeSettings {
        positive("prefs.judge.target_shot_s", targetShotS);
        if (minShotFrames < 1) throw new ConfigException("config key 'prefs.judge.min_shot_frames' is " + minShotFrames + "; it must be at least 1 (1 allows every shot)");
        atLeastZero("prefs.judge.jump_back_s", jumpBackS);
        atLeastZero("prefs.judge.tie_tolerance", tieTolerance);
        atLeastZero("prefs.judge.weight_shot_length", weightShotLength);
        atLeastZero("prefs.judge.weight_flash", weightFlash);
        atLeastZero("prefs.judge.weight_framing", weightFraming);
        atLeastZero("prefs.judge.weight_jump_back", weightJumpBack);
    }

    public static JudgeSettings fromConfig(Config config) {
        return new JudgeSettings(
                config.getDouble("prefs.judge.target_shot_s"),
                config.getInt("prefs.judge.min_shot_frames"),
                config.getDouble("prefs.judge.jump_back_s"),
                config.getDouble("prefs.judge.tie_tolerance"),
                config.getDouble("prefs.judge.weight_shot_length"),
                config.getDouble("prefs.judge.weight_flash"),
                config.getDouble("prefs.judge.weight_framing"),
                config.getDouble("prefs.judge.weight_jump_back"));
    }

    /** The judge's id in a pair file: the rules' version and every setting, in a fixed order. */
    public String id() {
        return RULES + " target_shot_s=" + n(targetShotS) + " min_shot_frames=" + minShotFrames + " jump_back_s=" + n(jumpBackS)
                + " tie_tolerance=" + n(tieTolerance) + " weights=shot_length:" + n(weightShotLength) + ",flash:" + n(weightFlash)
                + ",framing:" + n(weightFraming) + ",jump_back:" + n(weightJumpBack);
    }

    private static String n(double v) {
        return NumberText.format(v);
    }

    private static void positive(String key, double v) {
        if (!(v > 0) || !Double.isFinite(v)) throw new ConfigException("config key '" + key + "' is " + v + "; it must be a positive number");
    }

    private static void atLeastZero(String key, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) throw new ConfigException("config key '" + key + "' is " + v + "; it must be a number >= 0");
    }
}
