package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Project;
import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.Sequence;
import dev.autoeditor.timeline.VideoTrack;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes synthetic projects: one sequence each, in the project's style. Everything about project i
 * comes from its own seed ({@link Dice#projectSeed}), so it does not depend on how many projects are
 * made or in which order.
 */
public final class SynthGenerator {
    /** 25, 29.97, 23.976 and 30 fps, with these weights. */
    static final Rate[] RATES = {new Rate(25, false), new Rate(30, true), new Rate(24, true), new Rate(30, false)};
    static final double[] RATE_WEIGHTS = {0.35, 0.25, 0.25, 0.15};
    static final double HD720_CHANCE = 0.1;
    static final double EMPTY_TOP_TRACK_CHANCE = 0.25;
    static final double ZERO_DECLARED_DURATION_CHANCE = 0.05;

    private SynthGenerator() {}

    /** Project {@code index} (0-based) of the corpus the options describe. */
    public static Project project(SynthOptions options, int index) {
        SynthStyle style = options.styleOf(index);
        String name = options.projectName(index);
        Dice dice = new Dice(Dice.projectSeed(options.seed(), index));
        Rate rate = RATES[dice.weighted(RATE_WEIGHTS)];
        boolean hd720 = dice.chance(HD720_CHANCE);
        int width = hd720 ? 1280 : 1920;
        int height = hd720 ? 720 : 1080;
        if (style == SynthStyle.HOUSE) {
            // A house delivers in one format; the draws above still happen, so the stream is unchanged.
            rate = HouseStyle.RATE;
            width = HouseStyle.WIDTH;
            height = HouseStyle.HEIGHT;
        }
        double seconds = dice.uniform(options.minDurationS(), options.maxDurationS());
        long length = Math.round(seconds * rate.fps());
        SynthContext ctx = new SynthContext(dice, rate, width, height, length, new MediaPool(name, rate));
        List<List<Shot>> plan = style.generator().plan(ctx);
        TrackAssembler assembler = new TrackAssembler(new TrackAssembler.IdCounter());
        List<VideoTrack> tracks = new ArrayList<>();
        for (List<Shot> shots : plan) tracks.add(assembler.assemble(shots));
        if (dice.chance(EMPTY_TOP_TRACK_CHANCE)) tracks.add(new VideoTrack(true, List.of()));
        String title = sequenceTitle(style, dice);
        Sequence draft = new Sequence("sequence-1", title, rate, width, height, 0, tracks);
        long declared = dice.chance(ZERO_DECLARED_DURATION_CHANCE) ? 0 : draft.lengthFrames();
        return new Project(name, List.of(new Sequence("sequence-1", title, rate, width, height, declared, tracks)));
    }

    private static String sequenceTitle(SynthStyle style, Dice dice) {
        String base = switch (style) {
            case INTERVIEW -> "Interview";
            case VLOG -> "Vlog";
            case SPLIT_SCREEN -> "Conversation";
            case MONTAGE -> "Montage";
            case MULTICAM -> "Live Multicam";
            case HOUSE -> "House Cut";
        };
        return base + " v" + dice.between(1, 9);
    }
}
