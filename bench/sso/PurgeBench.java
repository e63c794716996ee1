// How long a full in-memory replay store takes to look for room (a purge of expired ids), every id live: the worst
// case, as when a store too small for its traffic fills up. Run as a single-file program over the compiled classes:
//   java -Xmx4g -cp reference-impl/target/classes bench/sso/PurgeBench.java 100000 4000000
// Prints the best of 7 purges per capacity. Compare two builds by pointing -cp at each one's classes.
import com.hubble.kit.reference.sso.InMemoryReplayStore;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

public final class PurgeBench {
    public static void main(String[] args) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        for (String arg : args) {
            int capacity = Integer.parseInt(arg);
            InMemoryReplayStore store = new InMemoryReplayStore(capacity, Clock.fixed(now, ZoneOffset.UTC));
            for (int i = 0; i < capacity; i++) {
                store.consume("id-" + i, now.plusSeconds(60));
            }
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 7; round++) {
                long start = System.nanoTime();
                store.size(); // purges every stripe, then counts
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.printf("capacity %d, full, all live: purge %.1f ms (best of 7)%n", capacity, best / 1e6);
        }
    }
}
