package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import com.hubble.kit.reference.sso.ReplayStore.Consumption;
import org.junit.jupiter.api.Test;

class InMemoryReplayStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void acceptsAnIdOnceAndRejectsItsSecondUse() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, new ManualClock());

        assertEquals(Consumption.FIRST_USE, store.consume("a", T0.plusSeconds(60)));
        assertEquals(Consumption.REJECTED, store.consume("a", T0.plusSeconds(60)));
    }

    @Test
    void rejectsAnIdWhoseExpiryHasPassed() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, new ManualClock());

        assertEquals(Consumption.REJECTED, store.consume("a", T0));
    }

    @Test
    void evictsEntriesAtTheirExpiry() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        store.consume("short", T0.plusSeconds(10));
        store.consume("long", T0.plusSeconds(100));

        clock.advance(Duration.ofSeconds(10));

        assertEquals(1, store.size());
    }

    @Test
    void countsOnlyUnexpiredEntriesForTheGauge() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        store.consume("short", T0.plusSeconds(10));
        store.consume("long", T0.plusSeconds(100));
        assertEquals(2, store.entries());

        clock.advance(Duration.ofSeconds(10));

        assertEquals(1, store.entries());
    }

    @Test
    void failsClosedWhenFullOfUnexpiredEntries() {
        InMemoryReplayStore store = new InMemoryReplayStore(2, new ManualClock());
        store.consume("a", T0.plusSeconds(60));
        store.consume("b", T0.plusSeconds(60));

        assertEquals(Consumption.FULL, store.consume("c", T0.plusSeconds(60)));
    }

    @Test
    void makesRoomAgainOnceEntriesExpire() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(1, clock);
        store.consume("a", T0.plusSeconds(5));

        clock.advance(Duration.ofSeconds(6));

        assertEquals(Consumption.FIRST_USE, store.consume("b", T0.plusSeconds(60)));
    }

    @Test
    void theWholeTableIsAllocatedAtStartAndHoldsItsCapacity() {
        InMemoryReplayStore store = new InMemoryReplayStore(200_000, new ManualClock());
        assertEquals(524_288, store.slots(), "a power of two of at least twice the capacity");
        for (int i = 0; i < 150_000; i++) {
            assertEquals(Consumption.FIRST_USE, store.consume("id-" + i, T0.plusSeconds(60)), "first use of id-" + i);
        }
        assertEquals(524_288, store.slots(), "the table never grows");
        for (int i = 0; i < 150_000; i++) {
            assertEquals(Consumption.REJECTED, store.consume("id-" + i, T0.plusSeconds(60)), "second use of id-" + i);
        }
        assertEquals(150_000, store.size());
    }

    @Test
    void aCapacityTheHeapCannotHoldIsRefusedAtStartNamingTheKey() {
        // The largest capacity the store takes needs 12 GiB: refused by any heap under 24 GiB (this test's).
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 24L << 30, "a heap under 24 GiB");
        SsoConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SsoConfigException.class,
                () -> new InMemoryReplayStore(InMemoryReplayStore.MAX_CAPACITY, new ManualClock()));
        assertTrue(e.getMessage().contains("app.sso.replay.capacity") && e.getMessage().contains("-Xmx"), e.getMessage());
    }

    @Test
    void aCapacityOverTheLargestTableIsRefusedNamingTheKeyAndTheLimit() {
        SsoConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SsoConfigException.class,
                () -> new InMemoryReplayStore(InMemoryReplayStore.MAX_CAPACITY + 1, new ManualClock()));
        assertTrue(e.getMessage().contains("app.sso.replay.capacity")
                && e.getMessage().contains(String.valueOf(InMemoryReplayStore.MAX_CAPACITY))
                && e.getMessage().contains("Redis"), e.getMessage());
    }

    @Test
    void aTokenExpiringWithinTheCurrentMillisecondIsStillSingleUse() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        Instant expiry = T0.plusNanos(700_000); // 0.7 ms after now: same millisecond when rounded down

        assertEquals(Consumption.FIRST_USE, store.consume("a", expiry));
        clock.advance(Duration.ofNanos(300_000));
        assertEquals(Consumption.REJECTED, store.consume("a", expiry));
    }

    @Test
    void aFarFutureExpiryIsAcceptedOnce() {
        InMemoryReplayStore store = new InMemoryReplayStore(10, new ManualClock());

        assertEquals(Consumption.FIRST_USE, store.consume("forever", Instant.MAX));
        assertEquals(Consumption.REJECTED, store.consume("forever", Instant.MAX));
    }

    /**
     * Against a plain map as the model: random ids (some re-presented), random expiries, a clock that moves, so that
     * expired slots are reused in the middle of probe chains and the table is rebuilt while ids are live.
     */
    @Test
    void agreesWithAPlainMapUnderRandomUseExpiryAndReuse() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(5_000, clock);
        Map<String, Instant> model = new HashMap<>();
        Random random = new Random(20261130);
        for (int step = 0; step < 200_000; step++) {
            String id = "t" + random.nextInt(20_000);
            Instant expiry = clock.instant().plusMillis(1 + random.nextInt(2_000));
            Instant now = clock.instant();
            Instant seen = model.get(id);
            Consumption expected = seen != null && seen.isAfter(now) ? Consumption.REJECTED : Consumption.FIRST_USE;
            if (expected == Consumption.FIRST_USE) {
                model.put(id, expiry);
            }
            assertEquals(expected, store.consume(id, expiry), "step " + step + ", " + id);
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(30)));
            }
        }
        long live = model.values().stream().filter(e -> e.isAfter(clock.instant())).count();
        assertEquals(live, store.size());
    }

    /** Runs {@code body(thread)} on {@code threads} platform threads released together; returns when all are done. */
    private static void together(int threads, java.util.function.IntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                body.accept(thread);
            }));
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
    }

    @Test
    void aDefaultSizedStoreIsStripedAndConcurrentCallersGetEachIdOnce() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(100_000, Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(64, store.stripes(), "one lock per stripe, not one for the store");
        assertEquals(262_144, store.slots(), "together, a power of two of at least twice the capacity");
        int ids = 20_000;
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        together(8, thread -> {
            // Every thread presents every id, each in its own order, so most ids are raced for.
            List<Integer> order = new java.util.ArrayList<>(java.util.stream.IntStream.range(0, ids).boxed().toList());
            java.util.Collections.shuffle(order, new Random(thread));
            for (int i : order) {
                if (store.consume("id-" + i, T0.plusSeconds(60)) == Consumption.FIRST_USE) {
                    accepted.computeIfAbsent("id-" + i, k -> new AtomicInteger()).incrementAndGet();
                }
            }
        });
        assertEquals(ids, accepted.size(), "every id accepted");
        assertTrue(accepted.values().stream().allMatch(n -> n.get() == 1), "no id accepted twice");
        assertEquals(ids, store.size());
    }

    @Test
    void theCapacityIsExactAcrossStripesUnderConcurrency() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(10_000, Clock.fixed(T0, ZoneOffset.UTC));
        assertTrue(store.stripes() > 1, "striped: " + store.stripes());
        AtomicInteger firstUses = new AtomicInteger();
        AtomicInteger full = new AtomicInteger();
        together(8, thread -> {
            for (int i = 0; i < 2_000; i++) {
                Consumption c = store.consume("t" + thread + "-" + i, T0.plusSeconds(60));
                (c == Consumption.FIRST_USE ? firstUses : full).incrementAndGet();
                assertTrue(c == Consumption.FIRST_USE || c == Consumption.FULL, c.toString());
            }
        });
        assertEquals(10_000, firstUses.get(), "exactly the capacity, however the ids fell over the stripes");
        assertEquals(6_000, full.get());
        assertEquals(10_000, store.size());
    }

    @Test
    void aFullStripedStoreMakesRoomOnceItsEntriesExpire() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(32_768, clock);
        assertEquals(64, store.stripes());
        for (int i = 0; i < 32_768; i++) {
            assertEquals(Consumption.FIRST_USE, store.consume("id-" + i, T0.plusSeconds(5)), "id-" + i);
        }
        assertEquals(Consumption.FULL, store.consume("one-more", T0.plusSeconds(60)));
        assertEquals(Consumption.FULL, store.consume("id-7", T0.plusSeconds(5)), "a replay in a full store fails closed too");

        clock.advance(Duration.ofSeconds(6));

        assertEquals(Consumption.FIRST_USE, store.consume("one-more", T0.plusSeconds(60)));
        assertEquals(1, store.size());
    }

    /** The model test again, with 64 stripes and a flow of fresh ids that fills the tables: purges at capacity. */
    @Test
    void agreesWithAPlainMapAcrossSixtyFourStripesThroughPurges() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(32_768, clock);
        assertEquals(64, store.stripes());
        Map<String, Instant> model = new HashMap<>();
        Random random = new Random(20261201);
        for (int step = 0; step < 400_000; step++) {
            String id = "t" + random.nextInt(2_000_000);
            Instant expiry = clock.instant().plusMillis(1 + random.nextInt(2_000));
            Instant seen = model.get(id);
            Consumption expected = seen != null && seen.isAfter(clock.instant()) ? Consumption.REJECTED : Consumption.FIRST_USE;
            if (expected == Consumption.FIRST_USE) {
                model.put(id, expiry);
            }
            assertEquals(expected, store.consume(id, expiry), "step " + step + ", " + id);
            if (random.nextInt(4) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(30)));
            }
        }
        long live = model.values().stream().filter(e -> e.isAfter(clock.instant())).count();
        assertEquals(live, store.size());
    }

    /**
     * A small, dense table (one stripe, near half full) with short lifetimes: purges in place run often, through long
     * clusters and clusters that wrap around the table's end, and every live id must still be found after each.
     */
    @Test
    void agreesWithAPlainMapThroughManyPurgesOfADenseTable() {
        ManualClock clock = new ManualClock();
        InMemoryReplayStore store = new InMemoryReplayStore(1_000, clock);
        assertEquals(1, store.stripes());
        Map<String, Instant> model = new HashMap<>();
        Random random = new Random(20261130L * 7);
        int full = 0;
        for (int step = 0; step < 300_000; step++) {
            String id = "d" + random.nextInt(6_000);
            Instant expiry = clock.instant().plusMillis(1 + random.nextInt(400));
            Instant seen = model.get(id);
            Consumption got = store.consume(id, expiry);
            if (seen != null && seen.isAfter(clock.instant())) {
                assertEquals(Consumption.REJECTED, got, "step " + step + ", a live " + id);
            } else if (got == Consumption.FULL) {
                // Allowed only when the store really holds its capacity of live ids.
                long live = model.values().stream().filter(e -> e.isAfter(clock.instant())).count();
                assertEquals(1_000, live, "step " + step + ": FULL with only " + live + " live ids");
                full++;
            } else {
                assertEquals(Consumption.FIRST_USE, got, "step " + step + ", " + id);
                model.put(id, expiry);
            }
            if (random.nextInt(2) == 0) {
                clock.advance(Duration.ofMillis(random.nextInt(6))); // slow enough that the 250 ms between purges never binds
            }
        }
        long live = model.values().stream().filter(e -> e.isAfter(clock.instant())).count();
        assertEquals(live, store.size());
        assertTrue(full < 300_000 / 100, "rarely full: " + full);
    }
}
