package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

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
}
