package com.hubble.kit.reference.sso;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default {@link ReplayStore}: bounded, striped locks, entries dropped once expired.
 *
 * <p>Built for a server that consumes tens of thousands of tokens a second: the consumed ids live in primitive
 * arrays (open-addressing tables with linear probing, each slot three adjacent longs: a lookup in a table far larger
 * than the CPU's caches costs one cache miss, not three), not as objects. A map of strings holding a million ids is
 * a million-odd objects that every young collection must trace and copy until they age out; under load that made
 * collector pauses of 40-130 ms (and a p99 to match). Primitive arrays hold no references, so the collector never
 * looks inside them.
 *
 * <p>The ids are spread over up to 64 stripes, each its own table behind its own lock, chosen by bits of the id's
 * hash that its probe does not use. One lock for the whole store made every request queue on it: a request thread
 * preempted while it held the lock (two CPUs shared with the rest of the machine) held up every other request, the
 * tail of the benchmark's latency. Now it holds up the few that hash to its stripe.
 *
 * <p>An id is kept as the first 128 bits of SHA-256 over a random per-store salt and the id's UTF-8 bytes. Two ids
 * that share those 128 bits would make the second one look like a replay (a refusal, never an acceptance); with
 * the salt unknown outside the process, no one can aim for that, and by chance it is about 2^-128 per pair.
 *
 * <p>The tables are allocated whole at start, a power of two of slots per stripe, together at least twice
 * {@code capacity} slots of 24 bytes (6 MiB for the default 100000), so they never grow under load. The capacity
 * is counted across all stripes, exactly: a place is taken, under the stripe's lock, when an id needs an empty slot
 * (a replay, or an id put in an expired slot, takes none: it never turns a new id's first use into a 503). Expired
 * entries are not searched for: a slot whose expiry has passed counts as free for a new id (after the probe has made
 * sure the new id is not further along), and when the slots in use reach {@code capacity} the expired ones are
 * dropped in place (a read of the tables, one stripe at a time under its lock, at most every 250 ms; no new table is
 * allocated).
 */
public final class InMemoryReplayStore implements ReplayStore {
    private static final int MIN_STRIPE_SLOTS = 1 << 10;
    /** Two longs of id and one of expiry, side by side. */
    private static final int LONGS_PER_SLOT = 3;
    static final int BYTES_PER_SLOT = LONGS_PER_SLOT * Long.BYTES;
    /** The most slots the store allocates, and the capacity it has room for at half load. */
    private static final int MAX_SLOTS = 1 << 29;
    static final int MAX_CAPACITY = MAX_SLOTS / 2;
    static final int MAX_STRIPES = 64;
    /** A full store looks for expired entries at most this often: a purge reads the whole tables. */
    private static final long FULL_PURGE_INTERVAL_MILLIS = 250;

    private final int capacity;
    private final Clock clock;
    /** SHA-256 that has already taken the salt: each id is hashed by a clone of it (cheap, no provider lookup). */
    private final MessageDigest salted;
    private final Stripe[] stripes;
    /** log2 of the number of stripes: a stripe is chosen by that many top bits of an id's high half. */
    private final int stripeBits;
    /** Slots holding an entry, expired or not, across all stripes; taken before a new entry goes in. */
    private final AtomicInteger used = new AtomicInteger();
    /** Held while the tables are purged because the store is full (rare: only at capacity). */
    private final Object purge = new Object();
    private long lastFullPurge = Long.MIN_VALUE / 2; // guarded by purge

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
        // One stripe per 512 ids of capacity, up to 64: a small store stays one small table.
        int count = (int) Math.max(1, Math.min(MAX_STRIPES, Integer.highestOneBit(Math.max(1, capacity / 512))));
        this.stripeBits = Integer.numberOfTrailingZeros(count);
        // Each stripe gets its share of the capacity plus a margin of eight standard deviations of how ids spread
        // over the stripes, then half load at most: with a salted hash the spread is chance, never an attacker's aim.
        double share = (double) capacity / count;
        long perStripe = (long) Math.ceil(share + (count == 1 ? 0 : 8 * Math.sqrt(share) + 16));
        int stripeSlots = (int) Math.min(MAX_SLOTS / count,
                Math.max(MIN_STRIPE_SLOTS, Long.highestOneBit(2 * perStripe - 1) << 1));
        long bytes = (long) stripeSlots * count * BYTES_PER_SLOT;
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
        this.stripes = new Stripe[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Stripe(stripeSlots);
        }
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
        if (expiry == 0) {
            expiry = 1; // 0 marks an empty slot (a token expiring at the epoch, under a clock before it)
        }
        ByteBuffer bits = ByteBuffer.wrap(digest(tokenId));
        long high = bits.getLong();
        long low = bits.getLong();
        Stripe stripe = stripes[stripeBits == 0 ? 0 : (int) (high >>> (Long.SIZE - stripeBits))];
        for (boolean purged = false; ; purged = true) {
            Consumption decided;
            synchronized (stripe) {
                // The clock again, under the lock: this caller may have read it before the token expired and been
                // held up while another dropped the id as expired (a purge, or its slot reused); that id must not be
                // taken as new.
                long lockedNow = Math.max(nowMillis, clock.millis());
                if (expiry <= lockedNow) {
                    return Consumption.REJECTED;
                }
                decided = stripe.insert(high, low, expiry, lockedNow);
            }
            if (decided != null) {
                return decided;
            }
            // The id needs a new slot and the store has no place: purge once (outside the stripe's lock), then retry.
            if (purged || !purgeWhenFull(nowMillis)) {
                return Consumption.FULL;
            }
        }
    }

    /**
     * Takes a place for a new slot (called under a stripe's lock, only when an id needs an empty slot: a replay or
     * an expired slot reused needs none, so it never takes the last place from a new id).
     */
    private boolean takePlace() {
        if (used.incrementAndGet() <= capacity) {
            return true;
        }
        used.decrementAndGet();
        return false;
    }

    /** The store is full: purges expired entries (at most every 250 ms); whether there is a place now. */
    private boolean purgeWhenFull(long nowMillis) {
        synchronized (purge) {
            if (used.get() < capacity) {
                return true; // another caller's purge made room meanwhile
            }
            // A clock set back (below the last purge) must not hold off purges until it catches up.
            if (nowMillis >= lastFullPurge && nowMillis - lastFullPurge < FULL_PURGE_INTERVAL_MILLIS) {
                return false;
            }
            lastFullPurge = nowMillis;
            purgeAll(nowMillis);
            return used.get() < capacity;
        }
    }

    private void purgeAll(long nowMillis) {
        for (Stripe stripe : stripes) {
            synchronized (stripe) {
                used.addAndGet(stripe.purge(nowMillis));
            }
        }
    }

    /** One stripe's table; guarded by its own monitor. */
    private final class Stripe {
        // Slot i is table[3i] (id, high bits), table[3i + 1] (id, low bits) and table[3i + 2] (expiry, epoch ms
        // rounded up; 0 marks an empty slot).
        private final long[] table;
        /** Slots holding an entry, expired or not. */
        private int used;

        Stripe(int slots) {
            table = new long[slots * LONGS_PER_SLOT];
        }

        /** What the store decides for the id, or null when it needs a new slot and the store has no place left. */
        Consumption insert(long high, long low, long expiry, long nowMillis) {
            long[] slots = table;
            int mask = slots.length / LONGS_PER_SLOT - 1;
            // Never past three quarters full, so a probe always ends at an empty slot. The store's capacity keeps
            // each stripe near half load; only an improbable spread of ids reaches this.
            if (used >= (mask + 1) / 4 * 3) {
                InMemoryReplayStore.this.used.addAndGet(purge(nowMillis));
                if (used >= (mask + 1) / 4 * 3) {
                    return Consumption.FULL;
                }
            }
            int reusable = -1;
            for (int slot = home(low, mask); ; slot = (slot + 1) & mask) {
                int at = slot * LONGS_PER_SLOT;
                long slotExpiry = slots[at + 2];
                if (slotExpiry == 0) {
                    // The end of the probe: the id is not here.
                    if (reusable < 0) {
                        if (!takePlace()) {
                            return null;
                        }
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

        /**
         * Drops the expired entries in place, with no new table (at millions of ids a fresh one was hundreds of
         * megabytes to allocate and fill, every time a full store looked for room); returns the change in slots
         * used. A cluster (a run of slots between empty ones) that loses an entry has the rest of its entries put
         * back from their home slots, so every probe still finds them; a cluster that loses none is only read.
         */
        int purge(long nowMillis) {
            long[] slots = table;
            int count = slots.length / LONGS_PER_SLOT;
            int mask = count - 1;
            // Start just after an empty slot, so no cluster wraps around the start. There is one: a stripe is never
            // more than three quarters full.
            int start = 0;
            while (slots[start * LONGS_PER_SLOT + 2] != 0) {
                start++;
            }
            int before = used;
            boolean shaken = false; // this cluster has lost an entry: the rest of it must be put back
            for (int step = 1; step <= count; step++) {
                int at = ((start + step) & mask) * LONGS_PER_SLOT;
                long expiry = slots[at + 2];
                if (expiry == 0) {
                    shaken = false; // an empty slot that was empty before the purge: the cluster ends
                } else if (expiry <= nowMillis) {
                    slots[at] = 0;
                    slots[at + 1] = 0;
                    slots[at + 2] = 0;
                    used--;
                    shaken = true;
                } else if (shaken) {
                    long high = slots[at];
                    long low = slots[at + 1];
                    slots[at + 2] = 0;
                    // The first empty slot from its home: this one at the latest, as every slot from the home to
                    // here was full before the purge and has been put in order since.
                    int to = home(low, mask) * LONGS_PER_SLOT;
                    while (slots[to + 2] != 0) {
                        to += LONGS_PER_SLOT;
                        if (to == slots.length) {
                            to = 0;
                        }
                    }
                    slots[to] = high;
                    slots[to + 1] = low;
                    slots[to + 2] = expiry;
                }
            }
            return used - before;
        }

        int live(long now) {
            long[] slots = table;
            int live = 0;
            for (int at = 2; at < slots.length; at += LONGS_PER_SLOT) {
                if (slots[at] > now) {
                    live++;
                }
            }
            return live;
        }
    }

    /** Where an id's probe starts. */
    private static int home(long low, int mask) {
        return (int) (low ^ (low >>> 32)) & mask;
    }

    /** How many token ids are remembered now (after dropping expired ones). */
    public int size() {
        purgeAll(clock.millis());
        return used.get();
    }

    /**
     * Unexpired ids held now, for a metrics gauge: counted without the locks, so requests never wait for it, and it
     * may be a moment off while the store changes. (Expired entries stay in their slots until reused or dropped by
     * a purge, which happens when the store fills up; they are not counted here.)
     */
    public int entries() {
        long now = clock.millis();
        int live = 0;
        for (Stripe stripe : stripes) {
            live += stripe.live(now);
        }
        return live;
    }

    /** The most unexpired ids the store holds before it answers {@link Consumption#FULL}. */
    public int capacity() {
        return capacity;
    }

    /** The tables' number of slots, all stripes together (for tests of their size; every stripe has the same). */
    int slots() {
        return stripes.length * (stripes[0].table.length / LONGS_PER_SLOT);
    }

    /** How many stripes the ids are spread over (for tests). */
    int stripes() {
        return stripes.length;
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
