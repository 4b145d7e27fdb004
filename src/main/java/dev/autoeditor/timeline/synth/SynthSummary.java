package dev.autoeditor.timeline.synth;

import dev.autoeditor.timeline.Rate;
import dev.autoeditor.timeline.table.SamplingRate;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a synth run wrote: the files (of which {@code unchanged} were already there, identical), counts, and the sequences' lengths, from which the size of the
 * keyframe table that {@code convert} will make follows exactly.
 */
public record SynthSummary(Path outDir, List<Path> files, int unchanged, Map<SynthStyle, Integer> projectsPerStyle, long clips,
                           List<SequenceLength> sequences) {
    public SynthSummary {
        files = List.copyOf(files);
        projectsPerStyle = Map.copyOf(projectsPerStyle);
        sequences = List.copyOf(sequences);
    }

    /** A sequence's length in frames at its rate. */
    public record SequenceLength(Rate rate, long frames) {
        public double seconds() {
            return rate.seconds(frames);
        }
    }

    public double totalSeconds() {
        return sequences.stream().mapToDouble(SequenceLength::seconds).sum();
    }

    /**
     * Rows of the keyframe table that {@code convert} makes from these sequences at {@code sampling}:
     * it takes the frames floor(i * rate / fps) below each sequence's length (every frame once when
     * sampling natively or at least as fast as the sequence's rate), i.e. ceil(length * fps / rate).
     */
    public long tableRows(SamplingRate sampling) {
        long rows = 0;
        for (SequenceLength s : sequences) rows += rows(s, sampling);
        return rows;
    }

    static long rows(SequenceLength s, SamplingRate sampling) {
        if (sampling.isNative()) return s.frames();
        // samples per frame = fps / rate = (sNum * rateDen) / (sDen * rateNum)
        BigInteger num = BigInteger.valueOf(sampling.numerator()).multiply(BigInteger.valueOf(s.rate().fpsDenominator()));
        BigInteger den = BigInteger.valueOf(sampling.denominator()).multiply(BigInteger.valueOf(s.rate().fpsNumerator()));
        if (num.compareTo(den) >= 0) return s.frames();
        BigInteger[] qr = BigInteger.valueOf(s.frames()).multiply(num).divideAndRemainder(den);
        return qr[0].longValueExact() + (qr[1].signum() > 0 ? 1 : 0);
    }
}
