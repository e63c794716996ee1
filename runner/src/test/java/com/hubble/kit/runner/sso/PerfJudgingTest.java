package com.hubble.kit.runner.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hubble.kit.runner.report.Measurement;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Status;
import com.hubble.kit.runner.sso.probe.LatencySamples;
import com.hubble.kit.runner.sso.probe.LoadResult;
import com.hubble.kit.runner.sso.probe.LoadRule;
import com.hubble.kit.runner.sso.probe.Sample;

/** The perf checks judge what their probes recorded (statuses, timings, unanswered calls): no server needed. */
class PerfJudgingTest {
    private static final Duration BUDGET = Duration.ofSeconds(1);

    private static double figure(Outcome outcome, String name) {
        return outcome.measurements().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void aValidCallAnsweredWithAnythingBut200IsUnexpectedAndARandomTokenMustGet400Or401() {
        List<Sample> valid = List.of(new Sample(10, 200), new Sample(10, 401), new Sample(10, 500));
        List<Sample> rejected = List.of(new Sample(5, 400), new Sample(5, 401), new Sample(5, 200), new Sample(5, 403));
        Outcome outcome = new PerfLatency().evaluate(new LatencySamples(valid, rejected, BUDGET, 3, List.of()));
        assertEquals(2, figure(outcome, "valid.unexpected"));
        assertEquals(2, figure(outcome, "rejected.unexpected"));
    }

    @Test
    void aSeriesIsDecidedOnceTwoOfTwentyAnswersAreOverTheBudgetAndUnansweredCallsDoNotCount() {
        List<Sample> taken = new ArrayList<>(Collections.nCopies(5, new Sample(10, 200)));
        taken.add(new Sample(1500, 200));
        assertFalse(PerfLatency.decided(taken, 20, BUDGET), "one slow call of 20 leaves the p95 under the budget");
        taken.add(new Sample(5000, Sample.NO_RESPONSE));
        assertFalse(PerfLatency.decided(taken, 20, BUDGET), "a call with no answer is no timing");
        taken.add(new Sample(1001, 401));
        assertTrue(PerfLatency.decided(taken, 20, BUDGET));
        assertFalse(PerfLatency.decided(taken, 100, BUDGET), "of 100 planned calls, 6 slow ones are needed");
    }

    @Test
    void underLoadAnswersOtherThan400Or401AndCallsWithNoAnswerAreErrors() {
        LoadResult load = new LoadResult(4, Duration.ofSeconds(3), Map.of(400, 500L, 401, 480L, 403, 6L, 200, 4L), 10, 3,
                Collections.nCopies(990, 2.0));
        assertEquals(20, PerfConcurrency.errors(load));
        Outcome outcome = new PerfConcurrency().evaluate(load);
        assertEquals(Status.FAIL, outcome.status(), "20 of 1000 is 2%");
        assertEquals(1000, figure(outcome, "requests"));
        assertEquals(20, figure(outcome, "errors"));
        assertEquals(3, figure(outcome, "timeouts"));
        assertTrue(outcome.message().startsWith("error rate over 1%: 4 callers, 1000 calls"), outcome.message());
    }

    @Test
    void theLoadRuleCountsEveryAnswerButARejectionAsAnError() {
        assertFalse(PerfConcurrency.RULE.error(400));
        assertFalse(PerfConcurrency.RULE.error(401));
        assertTrue(PerfConcurrency.RULE.error(200));
        assertTrue(PerfConcurrency.RULE.error(503));
        assertTrue(PerfConcurrency.RULE.error(LoadRule.NO_RESPONSE));
    }

    @Test
    void theErrorRateIsSettledOnlyWhenItsConfidenceIntervalClearsOnePercent() {
        assertFalse(PerfConcurrency.settled(100, 0), "100 clean calls cannot rule out 1%");
        assertTrue(PerfConcurrency.settled(500, 0));
        assertTrue(PerfConcurrency.settled(1000, 60), "6% of 1000 is clearly over");
        assertFalse(PerfConcurrency.settled(1000, 10), "1% of 1000 is on the line");
        assertFalse(PerfConcurrency.settled(0, 0));
    }

    private static final Duration DEFAULT_DURATION = Duration.ofSeconds(3);

    private static LoadRule.Progress progress(boolean chosen, long calls, long errors, Long... windows) {
        return new LoadRule.Progress(Duration.ofMillis(100L * windows.length), DEFAULT_DURATION, chosen, calls, errors,
                Duration.ofMillis(100), List.of(windows));
    }

    @Test
    void atTheDefaultDurationTheLoadStopsOnceItsVerdictIsSettledAndItsRateSteady() {
        assertTrue(PerfConcurrency.RULE.settled(progress(false, 1500, 0, 300L, 500L, 450L, 520L)));
        assertTrue(PerfConcurrency.RULE.settled(progress(false, 500, 0, 160L, 170L, 170L)), "steady at once");
    }

    @Test
    void theLoadGoesOnWhileItsVerdictIsOpenOrItsRateStillClimbs() {
        assertFalse(PerfConcurrency.RULE.settled(progress(false, 300, 0, 100L, 100L, 100L)), "300 clean calls: open");
        assertFalse(PerfConcurrency.RULE.settled(progress(false, 1200, 0, 200L, 300L, 400L)), "still climbing");
        assertFalse(PerfConcurrency.RULE.settled(progress(false, 1200, 0, 400L, 0L, 400L)), "a window without calls");
        assertFalse(PerfConcurrency.RULE.settled(progress(false, 1200, 0, 600L, 600L)), "two windows are not enough");
    }

    @Test
    void aDurationTheUserChoseIsHeldEvenWhenItEqualsTheDefault() {
        assertFalse(PerfConcurrency.RULE.settled(progress(true, 5000, 0, 500L, 500L, 500L)),
                "settled and steady, but chosen: held");
    }

    @Test
    void aRateIsSteadyWhenItsLastThreeWindowsAreWithinAQuarterOfEachOther() {
        assertTrue(PerfConcurrency.steady(List.of(10L, 400L, 500L, 480L)));
        assertFalse(PerfConcurrency.steady(List.of(400L, 501L, 480L)), "501 > 1.25 x 400");
        assertFalse(PerfConcurrency.steady(List.of(0L, 0L, 0L)), "no calls is no rate");
        assertFalse(PerfConcurrency.steady(List.of()));
    }
}
