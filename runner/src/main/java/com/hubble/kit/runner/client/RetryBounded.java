package com.hubble.kit.runner.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.hubble.kit.reference.sandbox.RecordedExchange;
import com.hubble.kit.runner.report.CheckInfo;
import com.hubble.kit.runner.report.Outcome;
import com.hubble.kit.runner.report.Severity;

/**
 * A call that got a 401 is repeated at most once. The repeats of a call are the authenticated calls with the same
 * method, path and query that follow it, up to the first one that is not answered 401 or the first other call;
 * other threads' calls of the same request that met the same 401 are not repeats ({@link ParallelAttempts}).
 */
public final class RetryBounded implements ClientCheck {
    private static final CheckInfo INFO = new CheckInfo("client.retry.bounded", "A call that got a 401 is retried at most once",
            Severity.SHOULD, "Retry",
            SOURCE + "\"re-authenticate and retry the failed request\" (once): a client that retries a 401 "
                    + "in a loop hammers Hubble and never surfaces wrong credentials.",
            SENDS,
            "Retry a 401 once after logging in again; if the retry gets 401 too, fail the call with Hubble's "
                    + "error and the X-REQUEST-ID instead of looping.");

    @Override
    public CheckInfo info() {
        return INFO;
    }

    @Override
    public Outcome evaluate(ClientSession session) {
        List<RecordedExchange> calls = session.authenticatedCalls();
        Set<Integer> judged = new HashSet<>();
        List<String> problems = new ArrayList<>();
        List<RecordedExchange> evidence = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < calls.size(); i++) {
            RecordedExchange first = calls.get(i);
            if (first.status() != 401 || judged.contains(first.sequence())) {
                continue;
            }
            rejected++;
            List<RecordedExchange> chain = new ArrayList<>(List.of(first));
            Set<Integer> otherThreads = ParallelAttempts.after(first, calls, session.concurrent());
            for (int j = i + 1; j < calls.size(); j++) {
                RecordedExchange next = calls.get(j);
                if (!ClientEvidence.callKey(next).equals(ClientEvidence.callKey(first))) {
                    break;
                }
                if (otherThreads.contains(next.sequence())) {
                    continue; // another thread's call of the same request, met by the same 401: its own chain
                }
                chain.add(next);
                judged.add(next.sequence());
                if (next.status() != 401) {
                    break;
                }
            }
            int retries = chain.size() - 1;
            if (retries > 1) {
                problems.add(first.target() + " was sent " + chain.size() + " times in a row after a 401 ("
                        + retries + " retries): " + ClientEvidence.list(chain));
                evidence.addAll(chain);
            }
        }
        if (rejected == 0) {
            return Outcome.notApplicable("no authenticated call was answered 401");
        }
        if (!problems.isEmpty()) {
            return Outcome.fail(String.join("; ", problems), ClientEvidence.of(evidence));
        }
        return Outcome.pass(rejected + " call(s) answered 401, each retried at most once", List.of());
    }
}
