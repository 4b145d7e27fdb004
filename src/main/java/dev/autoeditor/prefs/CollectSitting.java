package dev.autoeditor.prefs;

import dev.autoeditor.util.Hashing;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A labelling sitting ({@code prefs collect}): shows a person one proposal at a time (both sides as
 * {@link PairStrip}s, with each side written as Premiere XML to open in an editor) and records their
 * key press: {@code a} (side A preferred: a pair appended with A first), {@code b} (B first),
 * {@code s} (skip: recorded in the sitting log only) or {@code q} (stop; Ctrl-C and the end of input
 * stop too). Ends after {@code pairs} pairs.
 *
 * <p>Stopping loses nothing and the next sitting continues: each answer is written as it is made,
 * the pair first and then the {@link SittingLog} line, and a sitting starts at the first proposal of
 * the same proposer this judge has not answered. A sitting killed between the two writes finds the
 * pair in the pair file the next time, logs the answer then, and does not ask again.
 */
public final class CollectSitting {
    private static final Logger log = LoggerFactory.getLogger(CollectSitting.class);

    /**
     * @param judge  who answers (kind person)
     * @param pairs  pairs to record in this sitting before it ends (skips do not count)
     * @param xmlDir where each side's Premiere XML goes ({@code proposal-0004-A.xml}); a file already
     *               there is kept (same proposer and number, same edit)
     * @param clock  the time pairs and log lines carry
     */
    public record Settings(PairJudge judge, int pairs, Path xmlDir, Clock clock) {
        public Settings {
            if (judge.kind() != PairJudge.Kind.PERSON) throw new IllegalArgumentException("a sitting's judge is a person");
            if (pairs < 1) throw new IllegalArgumentException("a sitting records at least 1 pair, got " + pairs);
        }
    }

    /** How a sitting ended. */
    public enum Ending {
        /** The sitting recorded the pairs it was asked for. */
        DONE,
        /** The person pressed q (or Ctrl-D). */
        QUIT,
        /** The person pressed Ctrl-C. */
        INTERRUPTED,
        /** The keyboard input ended (a closed pipe or terminal). */
        INPUT_ENDED,
        /** The proposer had nothing more to propose. */
        NO_MORE_PROPOSALS
    }

    /** What a sitting did: pairs recorded (A and B answers), skips, how it ended, and where the next sitting starts. */
    public record Outcome(int preferredA, int preferredB, int skipped, Ending ending, long nextProposal) {
        public int pairs() {
            return preferredA + preferredB;
        }
    }

    private final PairProposer proposer;
    private final PairStore store;
    private final SittingLog sittingLog;
    private final SittingConsole console;
    private final Settings settings;

    private int preferredA;
    private int preferredB;
    private int skipped;
    private int pairsInFile;
    private int pairsByJudge;
    private String last = "";
    /** Warnings for the next screen (a real terminal clears what was printed before it). */
    private final List<String> notices = new ArrayList<>();

    public CollectSitting(PairProposer proposer, PairStore store, SittingLog sittingLog, SittingConsole console, Settings settings) {
        this.proposer = proposer;
        this.store = store;
        this.sittingLog = sittingLog;
        this.console = console;
        this.settings = settings;
    }

    /** Runs the sitting to its end; the screen's last lines say how it ended and how to continue. */
    public Outcome run() throws IOException {
        SittingLog.Lines logged = sittingLog.read();
        logged.problems().forEach(p -> warn(p.toString()));
        Set<Long> answered = new HashSet<>(logged.answered(proposer.id(), settings.judge().id()));
        Set<String> stored = storedPairs();
        long first = 1;
        while (answered.contains(first)) first++;
        proposer.skipTo(first);
        if (first > 1) last = "continuing: proposals 1-" + (first - 1) + " were answered in earlier sittings";

        while (pairs() < settings.pairs()) {
            Optional<Proposal> next = proposer.next();
            if (next.isEmpty()) return end(Ending.NO_MORE_PROPOSALS, proposer.position());
            Proposal p = next.get();
            if (answered.contains(p.number())) continue;
            if (recovered(p, stored)) continue;
            Path xmlA = writeXml(p, "A", p.a());
            Path xmlB = writeXml(p, "B", p.b());
            Ending early = typedAhead();
            if (early != null) return end(early, p.number());
            logEvent(p, SittingLog.Event.SHOWN, null);
            Ending stop = ask(p, xmlA, xmlB);
            if (stop != null) return end(stop, p.number());
        }
        return end(Ending.DONE, proposer.position());
    }

    private int pairs() {
        return preferredA + preferredB;
    }

    /**
     * The keys pressed while {@code p} was being made, before its screen: answers among them were
     * meant for the last screen and are dropped (a double press never answers a pair its person has
     * not seen); a stop (q, Ctrl-D, Ctrl-C) is honoured. The ending, or null to go on.
     */
    private Ending typedAhead() throws IOException {
        for (int key = console.typedAhead(); key != SittingConsole.NONE; key = console.typedAhead()) {
            switch (key) {
                case 'q', 'Q', SittingConsole.CTRL_D -> {
                    return Ending.QUIT;
                }
                case SittingConsole.CTRL_C -> {
                    return Ending.INTERRUPTED;
                }
                case SittingConsole.END -> {
                    return Ending.INPUT_ENDED;
                }
                default -> log.debug("dropped key {} typed before proposal's screen appeared", key);
            }
        }
        return null;
    }

    /** Shows proposal {@code p} and handles keys until it is answered; the ending when the person stops. */
    private Ending ask(Proposal p, Path xmlA, Path xmlB) throws IOException {
        draw(p, xmlA, xmlB);
        while (true) {
            int key = console.readKey();
            switch (key) {
                case 'a', 'A' -> {
                    record(p, true);
                    return null;
                }
                case 'b', 'B' -> {
                    record(p, false);
                    return null;
                }
                case 's', 'S' -> {
                    logEvent(p, SittingLog.Event.SKIP, null);
                    skipped++;
                    last = "proposal " + p.number() + ": skipped (no pair; recorded in " + sittingLog.file().getFileName() + ")";
                    return null;
                }
                case 'q', 'Q', SittingConsole.CTRL_D -> {
                    logEvent(p, SittingLog.Event.QUIT, null);
                    return Ending.QUIT;
                }
                case SittingConsole.CTRL_C -> {
                    logEvent(p, SittingLog.Event.INTERRUPTED, null);
                    return Ending.INTERRUPTED;
                }
                case SittingConsole.END -> {
                    logEvent(p, SittingLog.Event.INTERRUPTED, null);
                    return Ending.INPUT_ENDED;
                }
                case '\r', '\n', ' ', '\t' -> {
                    // Enter and spaces (piped answers on lines) mean nothing.
                }
                default -> {
                    console.out().println("that key does nothing here: press a, b, s or q");
                    console.out().flush();
                }
            }
        }
    }

    /** Appends the pair the answer makes, then logs the answer (in that order: see the class comment). */
    private void record(Proposal p, boolean preferA) throws IOException {
        Pair pair = p.toPair(preferA, settings.judge(), settings.clock().instant());
        store.append(pair);
        logEvent(p, preferA ? SittingLog.Event.A : SittingLog.Event.B, PairJson.contentKey(pair));
        if (preferA) preferredA++;
        else preferredB++;
        pairsInFile++;
        pairsByJudge++;
        last = "proposal " + p.number() + ": " + (preferA ? "A" : "B") + " preferred; pair " + pairsInFile + " appended to "
                + store.file().getFileName();
        if (pairs() < settings.pairs() && console.interactive()) {
            console.out().println(last + "; preparing the next proposal...");
            console.out().flush();
        }
    }

    /**
     * True when the pair file already holds this judge's answer to {@code p} (a sitting stopped
     * after appending the pair and before logging it): the answer is logged now and not asked again.
     */
    private boolean recovered(Proposal p, Set<String> stored) throws IOException {
        for (boolean preferA : new boolean[] {true, false}) {
            String key = PairJson.contentKey(p.toPair(preferA, settings.judge(), Instant.EPOCH));
            if (stored.contains(key)) {
                logEvent(p, preferA ? SittingLog.Event.A : SittingLog.Event.B, key);
                notices.add("proposal " + p.number() + " was answered (" + (preferA ? "A" : "B") + " preferred) just before the last sitting"
                        + " stopped: its pair is in " + store.file().getFileName() + "; not asked again");
                return true;
            }
        }
        return false;
    }

    /** Content keys of the pairs already in the file (and the counts the screen shows). */
    private Set<String> storedPairs() throws IOException {
        PairLines lines = PairStore.read(store.file(), PairStore.LastLine.TORN_IF_UNTERMINATED);
        lines.problems().forEach(p -> warn(p.toString()));
        Set<String> keys = new HashSet<>();
        for (Pair pair : lines.pairList()) {
            keys.add(PairJson.contentKey(pair));
            if (pair.judge().equals(settings.judge())) pairsByJudge++;
        }
        pairsInFile = lines.pairs().size();
        return keys;
    }

    private Path writeXml(Proposal p, String side, Proposal.Side s) throws IOException {
        Path target = settings.xmlDir().resolve(String.format(Locale.ROOT, "proposal-%04d-%s.xml", p.number(), side));
        if (!Files.exists(target)) {
            Files.createDirectories(settings.xmlDir());
            s.xml().write(target);
        }
        return target;
    }

    private void logEvent(Proposal p, SittingLog.Event event, String pairKey) throws IOException {
        sittingLog.append(new SittingLog.Entry(proposer.id(), settings.judge().id(), p.number(), event, pairKey, settings.clock().instant()));
    }

    private void draw(Proposal p, Path xmlA, Path xmlB) {
        PrintWriter out = console.out();
        int width = console.width();
        if (console.interactive()) console.clearScreen();
        out.println(String.format(Locale.ROOT, "prefs collect   proposal %d   judge %s   this sitting: %d of %d pairs (A %d, B %d), %d skipped",
                p.number(), settings.judge().id(), pairs(), settings.pairs(), preferredA, preferredB, skipped));
        out.println("proposals: " + proposer.describe());
        out.println(String.format(Locale.ROOT, "pair file: %s holds %d pairs, %d by %s", store.file().getFileName(), pairsInFile, pairsByJudge,
                settings.judge().id()));
        out.println("last: " + (last.isEmpty() ? "(none yet)" : last));
        notices.forEach(out::println);
        notices.clear();
        out.println();
        PairContext c = p.context();
        out.println(String.format(Locale.ROOT, "%s / %s, context %s-%s s; which continuation is the better edit?", c.export(), c.sequence(),
                PairStrip.seconds(c.startS()), PairStrip.seconds(c.endS())));
        PairStrip.render(p, width).forEach(out::println);
        out.println();
        out.println("each side as Premiere XML (the context, then that side), to open in an editor:");
        out.println("  A: " + xmlA.toAbsolutePath().normalize());
        out.println("  B: " + xmlB.toAbsolutePath().normalize());
        out.println("keys: a = A is better   b = B is better   s = skip   q = quit (run the same command to continue)");
        out.flush();
    }

    private Outcome end(Ending ending, long nextProposal) {
        Outcome o = new Outcome(preferredA, preferredB, skipped, ending, nextProposal);
        PrintWriter out = console.out();
        out.println();
        if (!last.isEmpty()) out.println("last: " + last);
        notices.forEach(out::println);
        String why = switch (ending) {
            case DONE -> "sitting done";
            case QUIT -> "stopped (q)";
            case INTERRUPTED -> "interrupted (Ctrl-C)";
            case INPUT_ENDED -> "stopped: the keyboard input ended";
            case NO_MORE_PROPOSALS -> "no more proposals";
        };
        out.println(String.format(Locale.ROOT, "%s: %d pair(s) recorded (A %d, B %d), %d skipped; %s holds %d pairs (%d by %s)", why, o.pairs(),
                preferredA, preferredB, skipped, store.file(), pairsInFile, pairsByJudge, settings.judge().id()));
        if (ending != Ending.NO_MORE_PROPOSALS) {
            out.println("run the same command to continue" + (ending == Ending.DONE ? " with proposal " : " from proposal ") + nextProposal
                    + " (answers so far are in " + sittingLog.file() + ")");
        }
        out.flush();
        return o;
    }

    private void warn(String message) {
        log.warn("{}", message);
        notices.add("warning: " + message);
    }

    /** The folder for a proposer's XML files beside {@code pairs}: {@code <stem>-xml/<first 12 hex of SHA-256(id)>}. */
    public static Path xmlDir(Path pairs, PairProposer proposer) {
        String name = pairs.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return pairs.resolveSibling(stem + "-xml").resolve(Hashing.sha256(proposer.id()).substring(0, 12));
    }
}
