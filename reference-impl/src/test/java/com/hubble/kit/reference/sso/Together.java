package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/** Racing threads for the concurrency tests of this package. */
final class Together {
    private Together() {
    }

    /** Runs {@code body(thread)} on {@code threads} platform threads released together; returns when all are done. */
    static void run(int threads, IntConsumer body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
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
            thread.join(Duration.ofSeconds(60));
            assertFalse(thread.isAlive(), "a racing thread did not finish within 60 s");
        }
    }
}
