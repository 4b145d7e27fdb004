package dev.autoeditor.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectSittingTest {
    private static final Instant NOW = Instant.parse("2024-06-01T09:30:00.500Z");
    private static final PairJudge ANN = new PairJudge(PairJudge.Kind.PERSON, "ann");

    @TempDir
    Path tmp;

    private Path pairs() {
        return tmp.resolve("prefs/pairs.jsonl");
    }

    private Path xmlDir() {
        return tmp.resolve("prefs/pairs-xml/test");
    }

    /** One sitting over proposals 1..count, answering with {@code keys}. */
    private CollectSitting.Outcome sit(String keys, int pairs, PairJudge judge, Proposals.ListProposer proposer, FakeConsole console) throws Exception {
        CollectSitting.Settings settings = new CollectSitting.Settings(judge, pairs, xmlDir(), Clock.fixed(NOW, ZoneOffset.UTC));
        return new CollectSitting(proposer, new PairStore(pairs()), new SittingLog(SittingLog.beside(pairs())), console, settings).run();
    }

    private CollectSitting.Outcome sit(String keys, int pairs) throws Exception {
        return sit(keys, pairs, ANN, new Proposals.ListProposer(10, "list"), new FakeConsole(keys, false));
    }

    private List<Pair> stored() throws Exception {
        return new PairStore(pairs()).read().pairList();
    }

    private List<String> events() throws Exception {
        return new SittingLog(SittingLog.beside(pairs())).read().entries().stream().map(e -> e.proposal() + " " + e.event().json()).toList();
    }

    @Test
    void aAndBAppendPairsWithThatSideFirstAndEndTheSittingAtItsCount() throws Exception {
        FakeConsole console = new FakeConsole("abs", false);
        CollectSitting.Outcome o = sit("abs", 2, ANN, new Proposals.ListProposer(10, "list"), console);
        assertEquals(new CollectSitting.Outcome(1, 1, 0, CollectSitting.Ending.DONE, 3), o);
        assertEquals("s", console.unread(), "the sitting stops asking once it has its pairs");
        List<Pair> pairs = stored();
        assertEquals(2, pairs.size());
        Proposal p1 = Proposals.numbered(1);
        Proposal p2 = Proposals.numbered(2);
        assertEquals(p1.toPair(true, ANN, NOW), pairs.get(0));
        assertEquals(p2.toPair(false, ANN, NOW), pairs.get(1));
        assertEquals(p2.b().frames(), pairs.get(1).preferred().frames());
        assertEquals(new ModelRef(Proposals.MODEL, 21, 0.9), pairs.get(1).preferred().model());
        assertEquals(new PairJudge(PairJudge.Kind.PERSON, "ann"), pairs.get(0).judge());
        assertFalse(pairs.get(0).tie());
        assertEquals(List.of("1 shown", "1 A", "2 shown", "2 B"), events());
        String pairKey = new SittingLog(SittingLog.beside(pairs())).read().entries().get(1).pair();
        assertEquals(PairJson.contentKey(pairs.get(0)), pairKey, "the log names the pair it appended");
        String screen = console.screen();
        assertTrue(screen.contains("sitting done: 2 pair(s) recorded (A 1, B 1), 0 skipped"), screen);
        assertTrue(screen.contains("run the same command to continue with proposal 3"), screen);
    }

    @Test
    void theScreenShowsTheStripsTheLegendTheXmlPathsAndTheLastChoice() throws Exception {
        FakeConsole console = new FakeConsole("ab", false);
        sit("ab", 2, ANN, new Proposals.ListProposer(10, "list"), console);
        String screen = console.screen();
        assertTrue(screen.contains("prefs collect   proposal 1   judge ann   this sitting: 0 of 2 pairs (A 0, B 0), 0 skipped"), screen);
        assertTrue(screen.contains("proposals: test proposals (list)"), screen);
        assertTrue(screen.contains("pair file: pairs.jsonl holds 0 pairs, 0 by ann"), screen);
        assertTrue(screen.contains("interview / Sequence 1, context 0-2 s; which continuation is the better edit?"), screen);
        assertTrue(screen.contains("  V1     aaaaaaaaaa:abbbbbbbbbb"), screen);
        assertTrue(screen.contains("  V1     aaaaaaaaaa:acccccccccc"), screen);
        assertTrue(screen.contains("sources: a a.mov   b b.mov   c c.mov   . nothing on the track"), screen);
        assertTrue(screen.contains("  A: " + xmlDir().resolve("proposal-0001-A.xml").toAbsolutePath()), screen);
        assertTrue(screen.contains("  B: " + xmlDir().resolve("proposal-0001-B.xml").toAbsolutePath()), screen);
        assertTrue(screen.contains("keys: a = A is better   b = B is better   s = skip   q = quit"), screen);
        assertTrue(screen.contains("prefs collect   proposal 2   judge ann   this sitting: 1 of 2 pairs (A 1, B 0), 0 skipped"), screen);
        assertTrue(screen.contains("last: proposal 1: A preferred; pair 1 appended to pairs.jsonl"), screen);
        assertTrue(Files.readString(xmlDir().resolve("proposal-0002-B.xml")).contains("side B seed 21"));
        assertEquals(0, console.clears, "a console that is not a terminal is never cleared");
    }

    @Test
    void aTerminalGetsAFreshScreenPerProposal() throws Exception {
        FakeConsole console = new FakeConsole("abq", true);
        sit("abq", 5, ANN, new Proposals.ListProposer(10, "list"), console);
        assertEquals(3, console.clears);
        assertTrue(console.screen().contains("proposal 1: A preferred; pair 1 appended to pairs.jsonl; preparing the next proposal..."));
    }

    @Test
    void skipIsLoggedButMakesNoPairAndQuitStopsWhereItIs() throws Exception {
        FakeConsole console = new FakeConsole("sAq", false);
        CollectSitting.Outcome o = sit("sAq", 5, ANN, new Proposals.ListProposer(10, "list"), console);
        assertEquals(new CollectSitting.Outcome(1, 0, 1, CollectSitting.Ending.QUIT, 3), o);
        assertEquals(1, stored().size());
        assertEquals(Proposals.numbered(2).a().frames(), stored().get(0).preferred().frames(), "capital A counts as a");
        assertEquals(List.of("1 shown", "1 skip", "2 shown", "2 A", "3 shown", "3 quit"), events());
        assertTrue(console.screen().contains("stopped (q): 1 pair(s) recorded (A 1, B 0), 1 skipped"), console.screen());
        assertTrue(console.screen().contains("run the same command to continue from proposal 3"), console.screen());
    }

    @Test
    void theNextSittingContinuesWithTheFirstUnansweredProposalWithoutMakingTheOnesBefore() throws Exception {
        sit("sAq", 5);
        Proposals.ListProposer proposer = new Proposals.ListProposer(10, "list");
        FakeConsole console = new FakeConsole("b", false);
        CollectSitting.Outcome o = sit("b", 1, ANN, proposer, console);
        assertEquals(new CollectSitting.Outcome(0, 1, 0, CollectSitting.Ending.DONE, 4), o);
        assertEquals(List.of(3L), proposer.made, "proposals 1 and 2 were answered: jumped to 3");
        assertEquals(Proposals.numbered(3).b().frames(), stored().get(1).preferred().frames());
        String screen = console.screen();
        assertTrue(screen.contains("last: continuing: proposals 1-2 were answered in earlier sittings"), screen);
        assertTrue(screen.contains("pair file: pairs.jsonl holds 1 pairs, 1 by ann"), screen);
        assertFalse(screen.contains("proposal 1 "), screen);
    }

    @Test
    void aProposerThatCannotJumpDrawsTheAnsweredProposalsAndShowsNoneOfThem() throws Exception {
        sit("ab", 2);
        Proposals.ListProposer proposer = new Proposals.ListProposer(10, "list", false);
        FakeConsole console = new FakeConsole("a", false);
        sit("a", 1, ANN, proposer, console);
        assertEquals(List.of(1L, 2L, 3L), proposer.made);
        assertFalse(console.screen().contains("prefs collect   proposal 1"), console.screen());
        assertEquals(List.of("1 shown", "1 A", "2 shown", "2 B", "3 shown", "3 A"), events());
    }

    @Test
    void anotherJudgeOrAnotherProposerStartsAtTheFirstProposal() throws Exception {
        sit("aa", 2);
        PairJudge bob = new PairJudge(PairJudge.Kind.PERSON, "bob");
        FakeConsole console = new FakeConsole("b", false);
        sit("b", 1, bob, new Proposals.ListProposer(10, "list"), console);
        assertTrue(console.screen().contains("prefs collect   proposal 1   judge bob"), console.screen());
        assertTrue(console.screen().contains("holds 2 pairs, 0 by bob"), console.screen());
        FakeConsole other = new FakeConsole("a", false);
        sit("a", 1, ANN, new Proposals.ListProposer(10, "another model"), other);
        assertTrue(other.screen().contains("prefs collect   proposal 1   judge ann"), other.screen());
        assertEquals(4, stored().size());
    }

    @Test
    void aPairAppendedJustBeforeASittingDiedIsLoggedAndNotAskedAgain() throws Exception {
        // The first sitting appended proposal 1's pair (B preferred) and was killed before logging it.
        new PairStore(pairs()).append(Proposals.numbered(1).toPair(false, ANN, NOW.minusSeconds(60)));
        Proposals.ListProposer proposer = new Proposals.ListProposer(10, "list");
        FakeConsole console = new FakeConsole("a", false);
        CollectSitting.Outcome o = sit("a", 1, ANN, proposer, console);
        assertEquals(new CollectSitting.Outcome(1, 0, 0, CollectSitting.Ending.DONE, 3), o);
        assertEquals(List.of("1 B", "2 shown", "2 A"), events());
        assertEquals(2, stored().size());
        String screen = console.screen();
        assertTrue(screen.contains("proposal 1 was answered (B preferred) just before the last sitting stopped"), screen);
        assertTrue(screen.contains("prefs collect   proposal 2"), screen);
        assertFalse(screen.contains("prefs collect   proposal 1"), screen);
    }

    @Test
    void ctrlCInterruptsAndTheEndOfInputStopsBothLogged() throws Exception {
        FakeConsole console = new FakeConsole("a\u0003", false);
        assertEquals(CollectSitting.Ending.INTERRUPTED, sit("", 5, ANN, new Proposals.ListProposer(10, "list"), console).ending());
        assertTrue(console.screen().contains("interrupted (Ctrl-C): 1 pair(s) recorded"), console.screen());
        FakeConsole ended = new FakeConsole("", false);
        CollectSitting.Outcome o = sit("", 5, ANN, new Proposals.ListProposer(10, "list"), ended);
        assertEquals(CollectSitting.Ending.INPUT_ENDED, o.ending());
        assertEquals(2, o.nextProposal());
        assertEquals(List.of("1 shown", "1 A", "2 shown", "2 interrupted", "2 shown", "2 interrupted"), events());
        FakeConsole ctrlD = new FakeConsole("\u0004", false);
        assertEquals(CollectSitting.Ending.QUIT, sit("", 5, ANN, new Proposals.ListProposer(10, "list"), ctrlD).ending());
    }

    @Test
    void otherKeysAreRefusedWithAHintAndLineEndsAreIgnored() throws Exception {
        FakeConsole console = new FakeConsole("x\n \r" + (char) SittingConsole.OTHER + "b", false);
        CollectSitting.Outcome o = sit("", 1, ANN, new Proposals.ListProposer(10, "list"), console);
        assertEquals(1, o.preferredB());
        String screen = console.screen();
        assertEquals(2, screen.split("that key does nothing here: press a, b, s or q", -1).length - 1, screen);
    }

    @Test
    void answersTypedBeforeAScreenAppearsAreDroppedButStopsAreHonoured() throws Exception {
        // Before screen 1 nothing; before screen 2 a double press "aa" (meant for screen 1): dropped,
        // so b answers proposal 2; before screen 3 "sq": the q stops the sitting before it shows.
        FakeConsole console = new FakeConsole("abb", false).typeAhead("", "aa", "sq");
        CollectSitting.Outcome o = sit("", 5, ANN, new Proposals.ListProposer(10, "list"), console);
        assertEquals(new CollectSitting.Outcome(1, 1, 0, CollectSitting.Ending.QUIT, 3), o);
        assertEquals(List.of("1 shown", "1 A", "2 shown", "2 B"), events(), "proposal 3 was never shown");
        assertEquals("b", console.unread());
        assertFalse(console.screen().contains("prefs collect   proposal 3"), console.screen());
        assertTrue(console.screen().contains("run the same command to continue from proposal 3"), console.screen());

        FakeConsole ctrlC = new FakeConsole("a", false).typeAhead("\u0003");
        assertEquals(CollectSitting.Ending.INTERRUPTED, sit("", 5, ANN, new Proposals.ListProposer(10, "list"), ctrlC).ending());
        assertEquals("a", ctrlC.unread());
    }

    @Test
    void aSittingEndsWhenTheProposalsRunOut() throws Exception {
        FakeConsole console = new FakeConsole("abab", false);
        CollectSitting.Outcome o = sit("", 10, ANN, new Proposals.ListProposer(3, "list"), console);
        assertEquals(new CollectSitting.Outcome(2, 1, 0, CollectSitting.Ending.NO_MORE_PROPOSALS, 4), o);
        assertEquals("b", console.unread());
        assertTrue(console.screen().contains("no more proposals: 3 pair(s) recorded"), console.screen());
    }

    @Test
    void xmlFilesAlreadyWrittenAreKept() throws Exception {
        Files.createDirectories(xmlDir());
        Path a = xmlDir().resolve("proposal-0001-A.xml");
        Files.writeString(a, "opened and saved by the editor\n");
        sit("a", 1);
        assertEquals("opened and saved by the editor\n", Files.readString(a));
        assertTrue(Files.readString(xmlDir().resolve("proposal-0001-B.xml")).contains("side B seed 11"));
    }

    @Test
    void badLinesInThePairFileOrTheLogAreReportedOnTheScreenAndTheRestIsUsed() throws Exception {
        sit("a", 1);
        Files.writeString(pairs(), "{broken\n", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(SittingLog.beside(pairs()), "nonsense\n", java.nio.file.StandardOpenOption.APPEND);
        FakeConsole console = new FakeConsole("q", false);
        sit("q", 1, ANN, new Proposals.ListProposer(10, "list"), console);
        String screen = console.screen();
        assertTrue(screen.contains("warning: " + SittingLog.beside(pairs()) + " line 3: not valid JSON"), screen);
        assertTrue(screen.contains("warning: " + pairs() + " line 2: not valid JSON"), screen);
        assertTrue(screen.contains("prefs collect   proposal 2"), screen);
    }
}
