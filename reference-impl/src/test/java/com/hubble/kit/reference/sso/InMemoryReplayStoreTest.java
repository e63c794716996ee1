package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

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
}
