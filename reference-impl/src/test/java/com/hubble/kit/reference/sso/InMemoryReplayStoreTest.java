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
import java.util.concurrent.atomic.AtomicInteger;

import com.hubble.kit.reference.sso.ReplayStore.Consumption;
import org.junit.jupiter.api.Test;

class InMemoryReplayStoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A clock the test moves by hand, from any thread. */
    private static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock() {
            this(T0);
        }

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant to) {
            now = to;
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
        agreesWithAPlainMap(store, clock, 20261130, 200_000, 20_000);
    }

    @Test
    void aDefaultSizedStoreIsStripedAndConcurrentCallersGetEachIdOnce() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(100_000, Clock.fixed(T0, ZoneOffset.UTC));
        assertEquals(64, store.stripes(), "one lock per stripe, not one for the store");
        assertEquals(262_144, store.slots(), "together, a power of two of at least twice the capacity");
        int ids = 20_000;
        Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        Together.run(8, thread -> {
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
        Together.run(8, thread -> {
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
        assertEquals(Consumption.REJECTED, store.consume("id-7", T0.plusSeconds(5)), "a replay in a full store is a replay");

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
        agreesWithAPlainMap(store, clock, 20261201, 400_000, 2_000_000);
    }

    /**
     * The model test: {@code steps} random uses of ids drawn from {@code ids}, each with a random expiry up to 2 s
     * ahead, the clock moving on now and then; the store must answer as a plain map of id to expiry does.
     */
    private static void agreesWithAPlainMap(InMemoryReplayStore store, ManualClock clock, long seed, int steps, int ids) {
        Map<String, Instant> model = new HashMap<>();
        Random random = new Random(seed);
        for (int step = 0; step < steps; step++) {
            String id = "t" + random.nextInt(ids);
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
        assertEquals(live(model, clock), store.size());
    }

    /** How many of the model's ids have not expired by the clock's time. */
    private static long live(Map<String, Instant> model, ManualClock clock) {
        return model.values().stream().filter(e -> e.isAfter(clock.instant())).count();
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
                long live = live(model, clock);
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
        assertEquals(live(model, clock), store.size());
        assertTrue(full < 300_000 / 100, "rarely full: " + full);
    }

    /** The monitor of the store's first stripe, so a test can hold a caller at the stripe's door. */
    private static Object firstStripe(InMemoryReplayStore store) throws ReflectiveOperationException {
        java.lang.reflect.Field stripes = InMemoryReplayStore.class.getDeclaredField("stripes");
        stripes.setAccessible(true);
        return ((Object[]) stripes.get(store))[0];
    }

    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (thread.getState() != Thread.State.BLOCKED) {
            assertTrue(System.nanoTime() < deadline, "the caller reached the stripe's lock: " + thread.getState());
            Thread.sleep(1);
        }
    }

    /**
     * A caller reads the clock just before the token expires and is then held up (preempted) before the stripe's
     * lock; meanwhile the expiry passes and a purge drops the id. The caller must not find the id gone and accept the
     * token a second time.
     */
    @Test
    void aReplayThatReadTheClockBeforeExpiryIsNotAcceptedAfterAPurgeDroppedTheId() throws Exception {
        ManualClock clock = new ManualClock(T0);
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);
        Instant expiry = T0.plusSeconds(1);
        assertEquals(Consumption.FIRST_USE, store.consume("a", expiry));
        clock.set(expiry.minusMillis(1));

        java.util.concurrent.atomic.AtomicReference<Consumption> replay = new java.util.concurrent.atomic.AtomicReference<>();
        Object stripe = firstStripe(store);
        Thread caller;
        synchronized (stripe) {
            caller = Thread.ofPlatform().start(() -> replay.set(store.consume("a", expiry)));
            awaitBlocked(caller);
            clock.set(expiry.plusMillis(1));
            store.size(); // purges: the expired id is dropped (the held caller's place is all that is counted)
        }
        caller.join(5_000);

        assertEquals(Consumption.REJECTED, replay.get(), "the same token accepted twice");
    }

    /** NTP stepping the clock back must not leave a full store refusing everything until the clock catches up. */
    @Test
    void aClockSetBackDoesNotStopAFullStoreFromDroppingItsExpiredIds() {
        ManualClock clock = new ManualClock(T0);
        InMemoryReplayStore store = new InMemoryReplayStore(2, clock);
        store.consume("a", T0.plusMillis(100));
        store.consume("b", T0.plusMillis(100));
        clock.set(T0.plusMillis(300));
        assertEquals(Consumption.FIRST_USE, store.consume("c", T0.plusSeconds(3600)), "a full store purges");

        Instant back = T0.minusSeconds(3600);
        clock.set(back);
        assertEquals(Consumption.FIRST_USE, store.consume("d", back.plusMillis(100)));
        clock.set(back.plusMillis(300));

        assertEquals(Consumption.FIRST_USE, store.consume("e", back.plusSeconds(10)), "d has expired: its place is free");
        assertEquals(Consumption.FULL, store.consume("f", back.plusSeconds(10)), "c and e are live");
    }

    /** 0 marks an empty slot: a token expiring at the epoch's first millisecond must still be recorded. */
    @Test
    void aTokenExpiringAtTheEpochIsSingleUseUnderAClockBeforeIt() {
        ManualClock clock = new ManualClock(Instant.EPOCH.minusMillis(5));
        InMemoryReplayStore store = new InMemoryReplayStore(10, clock);

        assertEquals(Consumption.FIRST_USE, store.consume("a", Instant.EPOCH));
        assertEquals(Consumption.REJECTED, store.consume("a", Instant.EPOCH));
    }

    /** Capacity 1, many threads, ids that expire and come back: one live id at a time, each id once while live. */
    @Test
    void aStoreOfCapacityOneHoldsOneLiveIdUnderRacingThreads() throws Exception {
        ManualClock clock = new ManualClock(T0);
        InMemoryReplayStore store = new InMemoryReplayStore(1, clock);
        int rounds = 300;
        for (int round = 0; round < rounds; round++) {
            Instant now = T0.plusSeconds(round);
            clock.set(now);
            Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
            int r = round;
            Together.run(4, thread -> {
                for (int i = 0; i < 4; i++) {
                    String id = "id-" + ((thread + i) % 3);
                    // Every round the ids expire within it, so a later round may take the place again.
                    if (store.consume(id, now.plusMillis(500)) == Consumption.FIRST_USE) {
                        accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            assertEquals(1, accepted.size(), "round " + r + ": one id fills a store of capacity 1: " + accepted);
            assertEquals(1, accepted.values().iterator().next().get(), "round " + r + ": accepted once");
            clock.set(now.plusMillis(600)); // past the expiry and more than 250 ms after the last purge
        }
        assertEquals(0, store.size());
    }

    /** Capacities around the thresholds where the stripes double, overfilled under concurrency with racing replays. */
    @Test
    void capacitiesAtTheStripeThresholdsNeverHoldMoreThanTheirCapacityOrAnIdTwice() throws Exception {
        for (int capacity : new int[] {511, 512, 513, 1023, 1024, 1025, 32_767, 32_768, 32_769}) {
            InMemoryReplayStore store = new InMemoryReplayStore(capacity, Clock.fixed(T0, ZoneOffset.UTC));
            Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
            int perThread = capacity / 2 + 50; // two threads per id: capacity + 100 distinct ids
            Together.run(4, thread -> {
                for (int i = 0; i < perThread; i++) {
                    String id = "c" + ((thread / 2) * perThread + i);
                    if (store.consume(id, T0.plusSeconds(60)) == Consumption.FIRST_USE) {
                        accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            assertTrue(accepted.values().stream().allMatch(n -> n.get() == 1), "capacity " + capacity + ": an id twice");
            assertTrue(accepted.size() <= capacity, "capacity " + capacity + ": accepted " + accepted.size());
            assertTrue(accepted.size() > capacity - 8, "capacity " + capacity + ": filled, " + accepted.size());
            assertEquals(accepted.size(), store.size(), "capacity " + capacity + ": every accepted id is held");
        }
    }

    /**
     * A replay racing a new id for the last place: the replay needs no place (its id is held), so it must not make the
     * new id's first use a 503 while the store holds fewer ids than its capacity.
     */
    @Test
    void aConcurrentReplayDoesNotTakeTheLastPlaceFromANewId() throws Exception {
        ManualClock clock = new ManualClock(T0);
        InMemoryReplayStore store = new InMemoryReplayStore(2, clock);
        assertEquals(Consumption.FIRST_USE, store.consume("a", T0.plusSeconds(60)));

        java.util.concurrent.atomic.AtomicReference<Consumption> replay = new java.util.concurrent.atomic.AtomicReference<>();
        Object stripe = firstStripe(store);
        Thread caller;
        Consumption fresh;
        synchronized (stripe) {
            caller = Thread.ofPlatform().start(() -> replay.set(store.consume("a", T0.plusSeconds(60))));
            awaitBlocked(caller); // the replay is under way, held at the stripe
            fresh = store.consume("b", T0.plusSeconds(60));
        }
        caller.join(5_000);

        assertEquals(Consumption.FIRST_USE, fresh, "one id held of two: there is room");
        assertEquals(Consumption.REJECTED, replay.get());
        assertEquals(Consumption.FULL, store.consume("c", T0.plusSeconds(60)), "now it is full");
    }

    /**
     * The in-place purge on a cluster that wraps around the end of the table, laid out by hand (white box: ids are
     * salted hashes, so no id string can be aimed at a slot). Slots 1020..3 hold one cluster; expired entries at its
     * start, across the wrap and near its end; every live entry must still be found from its home, and only the
     * expired ones dropped.
     */
    @Test
    void thePurgeKeepsEveryLiveIdOfAClusterThatWrapsAroundTheTableFindable() throws Exception {
        InMemoryReplayStore store = new InMemoryReplayStore(10, new ManualClock(T0));
        Object stripe = firstStripe(store);
        java.lang.reflect.Field tableField = stripe.getClass().getDeclaredField("table");
        java.lang.reflect.Field stripeUsed = stripe.getClass().getDeclaredField("used");
        java.lang.reflect.Field storeUsed = InMemoryReplayStore.class.getDeclaredField("used");
        tableField.setAccessible(true);
        stripeUsed.setAccessible(true);
        storeUsed.setAccessible(true);
        long[] table = (long[]) tableField.get(stripe);
        int slots = table.length / 3;
        assertEquals(1024, slots);
        long now = T0.toEpochMilli();
        long live = now + 60_000;
        long dead = now - 1;
        // {id (its low half is its home slot when under 2^32), slot, expiry}, placed as linear probing would have.
        long[][] entries = {
            {1020, 1020, dead}, {1020, 1021, live}, {1021, 1022, live}, {1023, 1023, dead},
            {1022, 0, live}, {1023, 1, dead}, {0, 2, live}, {1, 3, live},
        };
        for (long[] e : entries) {
            int at = (int) e[1] * 3;
            table[at] = 7_000 + e[0] + e[1] * 100_000; // high half: unique per entry
            table[at + 1] = e[0];
            table[at + 2] = e[2];
        }
        stripeUsed.setInt(stripe, entries.length);
        ((AtomicInteger) storeUsed.get(store)).set(entries.length);

        assertEquals(5, store.size(), "three expired entries dropped");
        for (long[] e : entries) {
            long high = 7_000 + e[0] + e[1] * 100_000;
            boolean found = false;
            for (int slot = (int) e[0]; table[slot * 3 + 2] != 0; slot = (slot + 1) % slots) {
                found |= table[slot * 3] == high && table[slot * 3 + 1] == e[0];
            }
            assertEquals(e[2] == live, found, "entry with home " + e[0] + " first at slot " + e[1]);
        }
    }
}
