package io.creditcontrol.collections.dunning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.creditcontrol.collections.dunning.DunningStrategy.Decision;
import io.creditcontrol.collections.dunning.DunningStrategy.Execute;
import io.creditcontrol.collections.dunning.DunningStrategy.Finished;
import io.creditcontrol.collections.dunning.DunningStrategy.ItemState;
import io.creditcontrol.collections.dunning.DunningStrategy.Step;
import io.creditcontrol.collections.dunning.DunningStrategy.Wait;

/** The dunning rule alone: what the worker does with one invoice on one day. */
class DunningStrategyTest {

    static final LocalDate DUE = LocalDate.parse("2026-03-31");
    static final int GRACE = 7;

    final DunningStrategy strategy = new DunningStrategy("standard", "v1", List.of(
            new Step("PRE_DUE_REMINDER", -3, DunningAction.REMINDER),
            new Step("FIRST_NOTICE", 7, DunningAction.REMINDER),
            new Step("COLLECTOR_CALL", 30, DunningAction.COLLECTOR_TASK),
            new Step("STOP_SUPPLY", 60, DunningAction.STOP_SUPPLY)));

    static ItemState open(String chased, Set<String> done) {
        return new ItemState(DUE, new BigDecimal(chased), done, null, null, false);
    }

    Decision on(String day, ItemState state) {
        return strategy.decide(state, LocalDate.parse(day), GRACE);
    }

    @Test
    void beforeTheFirstStepTheWorkerWaitsForItsDate() {
        Wait wait = assertInstanceOf(Wait.class, on("2026-03-01", open("100", Set.of())));
        assertEquals(LocalDate.parse("2026-03-28"), wait.reviewOn());
    }

    @Test
    void onItsDateAStepFiresAndTheNextStepsDateIsTheNextReview() {
        Execute execute = assertInstanceOf(Execute.class, on("2026-03-28", open("100", Set.of())));
        assertEquals("PRE_DUE_REMINDER", execute.step().name());
        assertEquals(LocalDate.parse("2026-04-07"), execute.nextReviewOn());
    }

    @Test
    void anExecutedStepIsNeverChosenAgain() {
        Wait wait = assertInstanceOf(Wait.class, on("2026-03-29", open("100", Set.of("PRE_DUE_REMINDER"))));
        assertEquals(LocalDate.parse("2026-04-07"), wait.reviewOn());
    }

    @Test
    void afterAnOutageOnlyTheLatestDueStepFiresNotEveryMissedOne() {
        Execute execute = assertInstanceOf(Execute.class, on("2026-05-05", open("100", Set.of("PRE_DUE_REMINDER"))));
        assertEquals("COLLECTOR_CALL", execute.step().name());
    }

    @Test
    void nothingIsChasedWhenNothingUndisputedIsOpen() {
        assertInstanceOf(Finished.class, on("2026-04-10", open("0", Set.of())));
    }

    @Test
    void aPartialPaymentGivesGraceDaysBeforeTheNextStep() {
        ItemState partlyPaid = new ItemState(DUE, new BigDecimal("60"), Set.of("PRE_DUE_REMINDER"), LocalDate.parse("2026-04-05"), null, false);
        Wait wait = assertInstanceOf(Wait.class, on("2026-04-07", partlyPaid));
        assertEquals(LocalDate.parse("2026-04-12"), wait.reviewOn());

        Execute execute = assertInstanceOf(Execute.class, on("2026-04-12", partlyPaid));
        assertEquals("FIRST_NOTICE", execute.step().name(), "the sequence carries on where it was, it does not restart");
    }

    @Test
    void anOpenPromisePausesUntilTheDayAfterThePromisedDate() {
        ItemState promised = new ItemState(DUE, new BigDecimal("100"), Set.of("PRE_DUE_REMINDER"), null, LocalDate.parse("2026-04-20"), false);
        Wait wait = assertInstanceOf(Wait.class, on("2026-04-08", promised));
        assertEquals(LocalDate.parse("2026-04-21"), wait.reviewOn());
    }

    @Test
    void aBrokenPromiseEscalatesToTheNextStepAtOnce() {
        ItemState broken = new ItemState(DUE, new BigDecimal("100"), Set.of("PRE_DUE_REMINDER", "FIRST_NOTICE"), null, null, true);
        Execute execute = assertInstanceOf(Execute.class, on("2026-04-21", broken));
        assertEquals("COLLECTOR_CALL", execute.step().name(), "due only on 2026-04-30 by the schedule");
        assertEquals(DunningStrategy.CAUSE_BROKEN_PROMISE, execute.cause());
        assertEquals(LocalDate.parse("2026-05-30"), execute.nextReviewOn());
    }

    @Test
    void afterTheLastStepTheWorkerStops() {
        assertInstanceOf(Finished.class, on("2026-09-01", open("100", Set.of("PRE_DUE_REMINDER", "FIRST_NOTICE", "COLLECTOR_CALL", "STOP_SUPPLY"))));
    }

    @Test
    void aPromiseBrokenAfterALongPauseEscalatesToTheStepDueByNow() {
        ItemState broken = new ItemState(DUE, new BigDecimal("100"), Set.of("PRE_DUE_REMINDER"), null, null, true);
        Execute execute = assertInstanceOf(Execute.class, on("2026-05-10", broken));
        assertEquals("COLLECTOR_CALL", execute.step().name());
    }

    @Test
    void aPromiseBrokenBeforeTheNextStepsDateBringsThatStepForward() {
        ItemState broken = new ItemState(DUE, new BigDecimal("100"), Set.of("PRE_DUE_REMINDER"), null, null, true);
        Execute execute = assertInstanceOf(Execute.class, on("2026-04-03", broken));
        assertEquals("FIRST_NOTICE", execute.step().name(), "escalated: due only on 2026-04-07");
        assertEquals(LocalDate.parse("2026-04-30"), execute.nextReviewOn());
    }
}
