package com.hubble.kit.reference.sso;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The default {@link ReplayStore}: bounded, one lock, entries dropped once expired.
 *
 * <p>Built for a server that consumes tens of thousands of tokens a second: the consumed ids live in one
 * primitive array (an open-addressing table with linear probing, each slot three adjacent longs: a lookup in a table
 * far larger than the CPU's caches costs one cache miss, not three), not as objects. A map of strings holding a
 * million ids is a million-odd objects that every young collection must trace and copy until they age out; under
 * load that made collector pauses of 40-130 ms (and a p99 to match). Primitive arrays hold no references, so the
 * collector never looks inside them.
 *
 * <p>An id is kept as the first 128 bits of SHA-256 over a random per-store salt and the id's UTF-8 bytes. Two ids
 * that share those 128 bits would make the second one look like a replay (a refusal, never an acceptance); with
 * the salt unknown outside the process, no one can aim for that, and by chance it is about 2^-128 per pair.
 *
 * <p>The table is allocated whole at start: a power of two of at least twice {@code capacity} slots, 24 bytes each
 * (6 MiB for the default 100000), so it never grows under load. Expired entries are not searched for: a slot whose
 * expiry has passed counts as free for a new id (after the probe has made sure the new id is not further along),
 * and when the slots in use reach {@code capacity} the table is rebuilt without the expired ones (linear in its
 * size, under the lock: about a millisecond at the default capacity).
 */
public final class InMemoryReplayStore implements ReplayStore {
    private static final int MIN_SLOTS = 1 << 10;
    /** Two longs of id and one of expiry, side by side. */
    private static final int LONGS_PER_SLOT = 3;
    static final int BYTES_PER_SLOT = LONGS_PER_SLOT * Long.BYTES;
    /** The largest table that fits in one array (3 x 2^29 longs), and the capacity it has room for at half load. */
    private static final int MAX_SLOTS = 1 << 29;
    static final int MAX_CAPACITY = MAX_SLOTS / 2;
    /** A full store looks for expired entries at most this often: a rebuild is linear in the table's size. */
    private static final long FULL_PURGE_INTERVAL_MILLIS = 250;

    private final int capacity;
    private final Clock clock;
    /** SHA-256 that has already taken the salt: each id is hashed by a clone of it (cheap, no provider lookup). */
    private final MessageDigest salted;

    // Guarded by this. Slot i is table[3i] (id, high bits), table[3i + 1] (id, low bits) and table[3i + 2] (expiry,
    // epoch ms rounded up; 0 marks an empty slot).
    private long[] table;
    /** Slots holding an entry, expired or not. */
    private int used;
    private long lastFullPurge = Long.MIN_VALUE / 2;

    public InMemoryReplayStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("replay store capacity must be at least 1");
        }
        if (capacity > MAX_CAPACITY) {
            throw new SsoConfigException("app.sso.replay.capacity (env APP_SSO_REPLAY_CAPACITY) " + capacity
                    + " is over the in-memory store's limit of " + MAX_CAPACITY + ": lower it, or use the Redis store");
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock");
        // Half load at most: room for capacity live ids (MAX_CAPACITY keeps this within MAX_SLOTS).
        int slots = (int) Math.max(MIN_SLOTS, Long.highestOneBit(2L * capacity - 1) << 1);
        long bytes = (long) slots * BYTES_PER_SLOT;
        if (bytes > Runtime.getRuntime().maxMemory() / 2) {
            throw new SsoConfigException("app.sso.replay.capacity (env APP_SSO_REPLAY_CAPACITY) " + capacity + " needs "
                    + (bytes >> 20) + " MiB for the in-memory replay store, more than half of this JVM's heap ("
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): lower the capacity, give the JVM more heap "
                    + "(-Xmx in HUBBLE_KIT_JAVA_OPTS), or use the Redis store");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        this.salted = sha256();
        salted.update(salt);
        digest(""); // fails here, at start, if the SHA-256 provider cannot clone
        // The whole table at once: growing it later meant rehashing every id under the lock (a 20-40 ms stall at a
        // million ids, the p99 of the benchmark's first round). The capacity sets the memory, as it says.
        allocate(slots);
    }

    @Override
    public Consumption consume(String tokenId, Instant expiresAt) {
        Instant now = clock.instant();
        // An expired token is never accepted, so its entry may be (and is) dropped without opening a replay window.
        if (!expiresAt.isAfter(now)) {
            return Consumption.REJECTED;
        }
        long nowMillis = now.toEpochMilli();
        // Rounded up: the entry outlives the token by under a millisecond, never the other way round.
        long expiry = expiresAt.getEpochSecond() >= Long.MAX_VALUE / 1000 - 1
                ? Long.MAX_VALUE
                : expiresAt.getEpochSecond() * 1000L + (expiresAt.getNano() + 999_999) / 1_000_000;
        ByteBuffer bits = ByteBuffer.wrap(digest(tokenId));
        long high = bits.getLong();
        long low = bits.getLong();
        synchronized (this) {
            return insert(high, low, expiry, nowMillis);
        }
    }

    private Consumption insert(long high, long low, long expiry, long nowMillis) {
        if (used >= capacity) {
            if (nowMillis - lastFullPurge < FULL_PURGE_INTERVAL_MILLIS) {
                return Consumption.FULL;
            }
            lastFullPurge = nowMillis;
            rebuild(nowMillis);
            if (used >= capacity) {
                return Consumption.FULL;
            }
        }
        // used < capacity <= slots / 2 here: the probe below always ends at an empty slot.
        long[] slots = table;
        int mask = slots.length / LONGS_PER_SLOT - 1;
        int reusable = -1;
        for (int slot = home(low, mask); ; slot = (slot + 1) & mask) {
            int at = slot * LONGS_PER_SLOT;
            long slotExpiry = slots[at + 2];
            if (slotExpiry == 0) {
                // The end of the probe: the id is not here.
                if (reusable < 0) {
                    reusable = at;
                    used++;
                }
                slots[reusable] = high;
                slots[reusable + 1] = low;
                slots[reusable + 2] = expiry;
                return Consumption.FIRST_USE;
            }
            if (slots[at] == high && slots[at + 1] == low) {
                if (slotExpiry > nowMillis) {
                    return Consumption.REJECTED;
                }
                // The same id, expired and not yet dropped: as if it had been.
                slots[at + 2] = expiry;
                return Consumption.FIRST_USE;
            }
            if (reusable < 0 && slotExpiry <= nowMillis) {
                reusable = at;
            }
        }
    }

    /** Moves the unexpired entries into a fresh table of the same size: the expired ones are dropped. */
    private void rebuild(long nowMillis) {
        long[] old = table;
        allocate(old.length / LONGS_PER_SLOT);
        long[] slots = table;
        int mask = slots.length / LONGS_PER_SLOT - 1;
        for (int from = 0; from < old.length; from += LONGS_PER_SLOT) {
            long expiry = old[from + 2];
            if (expiry > nowMillis) {
                int at = home(old[from + 1], mask) * LONGS_PER_SLOT;
                while (slots[at + 2] != 0) {
                    at = (at + LONGS_PER_SLOT) % slots.length;
                }
                slots[at] = old[from];
                slots[at + 1] = old[from + 1];
                slots[at + 2] = expiry;
                used++;
            }
        }
    }

    /** Where an id's probe starts. */
    private static int home(long low, int mask) {
        return (int) (low ^ (low >>> 32)) & mask;
    }

    private void allocate(int slots) {
        table = new long[slots * LONGS_PER_SLOT];
        used = 0;
    }

    /** How many token ids are remembered now (after dropping expired ones). */
    public synchronized int size() {
        rebuild(clock.millis());
        return used;
    }

    /**
     * Unexpired ids held now, for a metrics gauge: counted without the lock, so requests never wait for it, and it
     * may be a moment off while the store changes. (Expired entries stay in their slots until reused or dropped by
     * a rebuild, which happens when the table fills up; they are not counted here.)
     */
    public int entries() {
        long[] slots = table;
        long now = clock.millis();
        int live = 0;
        for (int at = 2; at < slots.length; at += LONGS_PER_SLOT) {
            if (slots[at] > now) {
                live++;
            }
        }
        return live;
    }

    /** The most unexpired ids the store holds before it answers {@link Consumption#FULL}. */
    public int capacity() {
        return capacity;
    }

    /** The table's current number of slots (for tests of its growth). */
    synchronized int slots() {
        return table.length / LONGS_PER_SLOT;
    }

    private byte[] digest(String tokenId) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) salted.clone();
        } catch (CloneNotSupportedException e) {
            // Not reached with the JDK's providers; the constructor has already tried one clone.
            throw new IllegalStateException("the SHA-256 provider cannot clone a digest", e);
        }
        return digest.digest(tokenId.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
