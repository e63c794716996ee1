package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.hubble.kit.reference.sso.ReplayStore.Consumption;
import org.junit.jupiter.api.Test;

/**
 * The Redis store's pipelining: concurrent SETs share few connections, and whatever goes wrong with a batch (cut,
 * late, out of step) fails its calls closed and never hands a reply to the wrong call.
 */
class RedisPipelineTest {
    private static final String PREFIX = "t:";

    private static RedisReplayStore store(URI uri, int connections, Duration commandTimeout) {
        return new RedisReplayStore(new RedisSettings(uri, null, Duration.ofSeconds(1), commandTimeout, connections,
                PREFIX), Clock.systemUTC());
    }

    private static Instant inAMinute() {
        return Instant.now().plusSeconds(60);
    }

    /** Runs {@code ids.size()} consumes at once, each on its own thread, and returns their outcomes in order. */
    private static List<Consumption> consumeConcurrently(RedisReplayStore store, List<String> ids) throws Exception {
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Consumption>> outcomes = new ArrayList<>();
            for (String id : ids) {
                outcomes.add(threads.submit(() -> {
                    go.await();
                    return store.consume(id, inAMinute());
                }));
            }
            go.countDown();
            List<Consumption> result = new ArrayList<>();
            for (Future<Consumption> outcome : outcomes) {
                result.add(outcome.get(30, TimeUnit.SECONDS));
            }
            return result;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aConnectionCutInTheMiddleOfABatchFailsEveryCallOfThatBatchClosed() throws Exception {
        AtomicInteger cutSetsSeen = new AtomicInteger();
        CountDownLatch holding = new CountDownLatch(1);
        try (FakeRedis redis = new FakeRedis(FakeRedis.withHandshake(command -> {
            if (command.get(1).equals(PREFIX + "hold")) {
                holding.countDown();
                Thread.sleep(1_000); // the one connection is busy: the next calls queue up into one batch
                return "+OK\r\n";
            }
            // Of the batch that follows, the first SET is answered +OK, then the connection is cut.
            return cutSetsSeen.incrementAndGet() == 1 ? "+OK\r\n" : null;
        })); RedisReplayStore store = store(redis.uri(), 1, Duration.ofSeconds(2))) {
            Thread holder = Thread.ofVirtual().start(() -> assertEquals(Consumption.FIRST_USE,
                    store.consume("hold", inAMinute())));
            // Not a fixed pause: the hold must be on the connection before the batch queues up behind it.
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the hold never reached the server");
            List<String> ids = List.of("a", "b", "c", "d", "e", "f", "g", "h");

            List<Consumption> outcomes = consumeConcurrently(store, ids);
            holder.join();

            assertEquals(List.of(Consumption.UNAVAILABLE, Consumption.UNAVAILABLE, Consumption.UNAVAILABLE,
                    Consumption.UNAVAILABLE, Consumption.UNAVAILABLE, Consumption.UNAVAILABLE, Consumption.UNAVAILABLE,
                    Consumption.UNAVAILABLE), outcomes, "the +OK read before the cut is not trusted either");
            assertEquals(2, cutSetsSeen.get(), "the batch was cut after its first reply");
        }
    }

    @Test
    void aBatchWhoseRepliesAreOutOfStepFailsClosedInsteadOfHandingOutTheWrongReply() throws Exception {
        // Every key is already used (nil), but an extra +OK precedes the replies of each batch: read in order
        // without a check, the first call would take that +OK as its first use.
        AtomicInteger sets = new AtomicInteger();
        try (FakeRedis redis = new FakeRedis(FakeRedis.withHandshake(command ->
                sets.incrementAndGet() == 1 ? "+OK\r\n$-1\r\n" : "$-1\r\n"));
             RedisReplayStore store = store(redis.uri(), 1, Duration.ofSeconds(2))) {

            assertEquals(Consumption.UNAVAILABLE, store.consume("used-1", inAMinute()));
            // The connection out of step was dropped: a new one answers in step again.
            assertEquals(Consumption.REJECTED, store.consume("used-2", inAMinute()));
        }
    }

    @Test
    void aServerThatAnswersPastTheTimeoutGivesUnavailableAndItsLateReplyReachesNoOtherCall() throws Exception {
        // The reply is withheld until the first call has returned (at most 10 s): a store that waited for it would
        // return only then, with a first use. A fixed 500 ms server delay raced a 400 ms bound on a loaded machine.
        CountDownLatch answered = new CountDownLatch(1);
        try (FakeRedis redis = new FakeRedis(FakeRedis.withHandshake(command -> {
            if (command.get(1).equals(PREFIX + "slow")) {
                answered.await(10, TimeUnit.SECONDS);
                return "+OK\r\n"; // late: whoever read it now would take it for a first use
            }
            return "$-1\r\n";
        })); RedisReplayStore store = store(redis.uri(), 1, Duration.ofMillis(100))) {
            long start = System.nanoTime();
            assertEquals(Consumption.UNAVAILABLE, store.consume("slow", inAMinute()));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(answered.getCount() == 1, "returned while the server still withheld its reply");
            assertTrue(tookMillis < 1_000, "gave up at the 100 ms command timeout, not the 1 s connect timeout: " + tookMillis);

            answered.countDown(); // the late +OK goes out now; on that connection it precedes any later reply
            assertEquals(Consumption.REJECTED, store.consume("used", inAMinute()));
        }
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedWithoutFailingTheNextCall() throws Exception {
        try (FakeRedis redis = new FakeRedis(FakeRedis.withHandshake(command -> "+OK\r\n"));
             RedisReplayStore store = store(redis.uri(), 1, Duration.ofSeconds(1))) {
            assertEquals(Consumption.FIRST_USE, store.consume("before", inAMinute()));

            redis.dropConnections(); // as a Redis restart, or its idle timeout, would
            Thread.sleep(100);

            assertEquals(Consumption.FIRST_USE, store.consume("after", inAMinute()));
        }
    }

    @Test
    void repliesAreMatchedToTheirCallsInOrderUnderConcurrencyOnFewConnections() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             RedisReplayStore store = store(redis.uri(), 2, Duration.ofSeconds(5))) {
            // Half the ids are used beforehand; each call's answer must be its own id's, whatever batch it rode in.
            List<String> ids = new ArrayList<>();
            List<Consumption> expected = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                String id = UUID.randomUUID().toString();
                boolean used = i % 2 == 0;
                if (used) {
                    assertEquals(Consumption.FIRST_USE, store.consume(id, inAMinute()));
                }
                ids.add(id);
                expected.add(used ? Consumption.REJECTED : Consumption.FIRST_USE);
            }

            assertEquals(expected, consumeConcurrently(store, ids));
            String clients = redis.bulk("CLIENT LIST");
            long connections = clients.lines().filter(line -> line.contains("name=hubble-sso ")).count();
            assertTrue(connections >= 1 && connections <= 2, "600 concurrent calls on 2 connections: " + connections);
        }
    }
}
