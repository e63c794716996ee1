package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class AsyncLogHandlerTest {

    /** A stream that is slow on every write and counts the flushes, like a pipe whose reader lags. */
    private static final class SlowStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int flushes;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            flushes++;
        }

        synchronized List<String> lines() {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** A stream that blocks every write until released, like a terminal that stopped reading. */
    private static final class StuckStream extends OutputStream {
        private final CountDownLatch released = new CountDownLatch(1);
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            bytes.write(b, off, len);
        }

        void release() {
            released.countDown();
        }

        synchronized List<String> lines() {
            return bytes.toString(StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Waits (up to 10 s) until {@code count} stops growing: a caller that is blocked. */
    private static void awaitStill(java.util.concurrent.atomic.AtomicInteger count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        int seen = -1;
        while (System.nanoTime() < deadline && seen != count.get()) {
            seen = count.get();
            Thread.sleep(200);
        }
    }

    private static LogRecord record(String message) {
        LogRecord record = new LogRecord(Level.INFO, message);
        record.setLoggerName(AccessLog.LOGGER_NAME);
        return record;
    }

    @Test
    void closeWritesEveryLinePublishedByConcurrentCallersBeforeIt() throws Exception {
        SlowStream out = new SlowStream();
        AsyncLogHandler handler = new AsyncLogHandler(out);
        int threads = 8;
        int perThread = 5_000; // more than the queue holds, so callers also wait for the writer
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; i < perThread; i++) {
                    handler.publish(record("line t" + id + " n" + i));
                }
                done.countDown();
            });
        }
        done.await();
        handler.close();

        List<String> lines = out.lines();
        assertEquals(threads * perThread, lines.size());
        Set<String> distinct = new HashSet<>();
        for (String line : lines) {
            distinct.add(line.substring(line.indexOf("line ")));
        }
        assertEquals(threads * perThread, distinct.size(), "every line exactly once");
        assertTrue(out.flushes < lines.size() / 10, "flushed per batch, not per line: " + out.flushes + " flushes");
    }

    @Test
    void aLinePublishedAfterCloseIsWrittenAtOnce() {
        SlowStream out = new SlowStream();
        AsyncLogHandler handler = new AsyncLogHandler(out);
        handler.close();

        handler.publish(record("late line"));

        assertEquals(1, out.lines().size());
        assertTrue(out.lines().getFirst().endsWith(" INFO " + AccessLog.LOGGER_NAME + ": late line"), out.lines().getFirst());
    }

    @Test
    void writesOneUtcTimestampedLinePerRecordWithoutInterpretingBraces() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsyncLogHandler handler = new AsyncLogHandler(out);
        handler.publish(record("path=/sso/{0} status=404"));
        handler.close();

        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z INFO "
                + AccessLog.LOGGER_NAME.replace(".", "\\.") + ": path=/sso/\\{0} status=404\\R"), line);
    }

    @Test
    void theTimestampIsTheRecordsInstantToTheMillisecondAcrossSecondsAndPaddedMillis() {
        AsyncLogHandler.LineFormatter formatter = new AsyncLogHandler.LineFormatter();
        for (String instant : new String[] {"2026-11-23T12:02:09.078Z", "2026-11-23T12:02:09.900Z",
                "2026-11-23T12:02:10Z", "2026-11-23T12:02:10.001Z", "2026-12-31T23:59:59.999Z", "2027-01-01T00:00:00.005Z"}) {
            LogRecord record = record("x");
            record.setInstant(java.time.Instant.parse(instant));
            String expected = instant.contains(".") ? instant : instant.replace("Z", ".000Z");
            assertTrue(formatter.format(record).startsWith(expected + " INFO "), formatter.format(record) + " for " + instant);
        }
    }

    @Test
    void aWriteFailureIsReportedNotThrownAtTheCaller() throws Exception {
        List<String> errors = new ArrayList<>();
        AsyncLogHandler handler = new AsyncLogHandler(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }
        });
        handler.setErrorManager(new java.util.logging.ErrorManager() {
            @Override
            public synchronized void error(String msg, Exception ex, int code) {
                errors.add(msg);
            }
        });
        handler.publish(record("x"));
        handler.close();

        assertTrue(!errors.isEmpty(), "the failure reached the error manager");
    }

    @Test
    void whileTheWriterIsStuckTheQueueStaysBoundedAndCallersWaitThenEveryLineIsWritten() throws Exception {
        StuckStream stuck = new StuckStream();
        AsyncLogHandler handler = new AsyncLogHandler(stuck);
        int lines = AsyncLogHandler.QUEUE_CAPACITY * 2;
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        Thread caller = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < lines; i++) {
                handler.publish(record("line " + i));
                published.incrementAndGet();
            }
        });
        // The writer holds at most one batch, the queue at most its capacity: the caller must be left waiting.
        awaitStill(published);
        assertTrue(caller.isAlive(), "the caller waits for room instead of queueing without bound");
        assertTrue(published.get() < lines && published.get() <= AsyncLogHandler.QUEUE_CAPACITY + 1_024 + 1,
                "queued no more than the queue and one batch: " + published.get());

        stuck.release();
        caller.join(30_000);
        handler.close();

        List<String> written = stuck.lines();
        assertEquals(lines, written.size(), "no line lost");
        assertTrue(written.getLast().endsWith("line " + (lines - 1)), "in order: " + written.getLast());
    }

    /**
     * close() while callers keep publishing, round after round: a caller preempted between queueing its line and
     * seeing the handler closed must neither lose the line nor write it a second time after the writer took it.
     */
    @Test
    void closeRacingPublishersWritesEveryLinePublishedExactlyOnce() throws Exception {
        int threads = 6;
        for (int round = 0; round < 30; round++) {
            MemoryStream out = new MemoryStream();
            AsyncLogHandler handler = new AsyncLogHandler(out);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            int[] published = new int[threads];
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                callers.add(Thread.ofPlatform().start(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        handler.publish(record("line t" + id + " n" + n++));
                    }
                    published[id] = n;
                }));
            }
            Thread.sleep(5);
            handler.close();
            Thread.sleep(2); // callers go on publishing after close: those lines are written at once
            stop.set(true);
            for (Thread caller : callers) {
                caller.join(10_000);
            }

            java.util.Map<String, Integer> written = out.counts();
            int expected = 0;
            for (int t = 0; t < threads; t++) {
                expected += published[t];
                for (int n = 0; n < published[t]; n++) {
                    assertEquals(1, written.getOrDefault("line t" + t + " n" + n, 0), "round " + round + ": t" + t + " n" + n);
                }
            }
            assertEquals(expected, written.size(), "round " + round + ": no line that was not published");
        }
    }

    /** A caller interrupted while it waits for room writes its line itself, once, keeps its flag and does not hang. */
    @Test
    void aCallerInterruptedWhileTheQueueIsFullWritesItsLineOnceAndKeepsItsInterrupt() throws Exception {
        StuckStream stuck = new StuckStream();
        AsyncLogHandler handler = new AsyncLogHandler(stuck);
        int lines = AsyncLogHandler.QUEUE_CAPACITY + 2_000; // more than the queue and the writer's batch hold
        java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean keptInterrupt = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < lines; i++) {
                handler.publish(record("line " + i));
                published.incrementAndGet();
            }
            keptInterrupt.set(Thread.currentThread().isInterrupted());
        });
        awaitStill(published);
        assertTrue(published.get() < lines, "the caller waits for room: " + published.get());
        caller.interrupt();
        stuck.release();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "the interrupted caller finished");
        handler.close();

        assertTrue(keptInterrupt.get(), "the interrupt is kept for the caller's own code");
        java.util.Map<String, Integer> written = counts(stuck.lines());
        assertEquals(lines, written.size(), "no line lost");
        assertTrue(written.values().stream().allMatch(n -> n == 1), "no line twice");
    }

    /** A stream into memory, safe to write from several threads. */
    private static final class MemoryStream extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        /** How many times each line's text (from "line ") was written. */
        synchronized java.util.Map<String, Integer> counts() {
            return AsyncLogHandlerTest.counts(bytes.toString(StandardCharsets.UTF_8).lines().toList());
        }
    }

    /** How many times each line's text (from "line ") occurs in {@code lines}. */
    private static java.util.Map<String, Integer> counts(List<String> lines) {
        java.util.Map<String, Integer> written = new java.util.HashMap<>();
        for (String line : lines) {
            written.merge(line.substring(line.indexOf("line ")), 1, Integer::sum);
        }
        return written;
    }

    /** The writer thread {@code create} starts. */
    private static Thread writerOf(java.util.function.Supplier<AsyncLogHandler> create, AsyncLogHandler[] created) {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        created[0] = create.get();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("access-log-writer") && !before.contains(t))
                .reduce((a, b) -> { throw new AssertionError("one new writer thread expected"); }).orElseThrow();
    }

    /** More lines than the queue holds, from one caller: it must finish, and every line be written once. */
    private static void assertACallerFillingTheQueueFinishesAndEveryLineIsWrittenOnce(AsyncLogHandler handler,
            MemoryStream out) throws InterruptedException {
        int lines = AsyncLogHandler.QUEUE_CAPACITY + 500;
        Thread caller = Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < lines; i++) {
                handler.publish(record("line " + i));
            }
        });
        caller.join(5_000);
        boolean finished = !caller.isAlive();
        handler.close(); // lets a stuck caller go before the test fails
        caller.join(5_000);
        assertTrue(finished, "the caller wrote its lines instead of waiting for a writer that is gone");
        java.util.Map<String, Integer> written = out.counts();
        assertEquals(lines, written.size(), "no line lost");
        assertTrue(written.values().stream().allMatch(n -> n == 1), "no line twice");
    }

    /** An interrupt of the writer thread does not stop it: callers must not wait forever for room. */
    @Test
    void anInterruptOfTheWriterThreadDoesNotLeaveCallersWaitingForever() throws Exception {
        MemoryStream out = new MemoryStream();
        AsyncLogHandler[] handler = new AsyncLogHandler[1];
        Thread writer = writerOf(() -> new AsyncLogHandler(out), handler);
        writer.interrupt();
        Thread.sleep(2 * AsyncLogHandler.IDLE_PAUSE_MILLIS);

        assertACallerFillingTheQueueFinishesAndEveryLineIsWrittenOnce(handler[0], out);
    }

    /** A writer thread killed by an Error: callers write their lines themselves instead of waiting forever. */
    @Test
    void whenTheWriterThreadDiedCallersWriteTheirLinesThemselves() throws Exception {
        MemoryStream out = new MemoryStream();
        AsyncLogHandler[] handler = new AsyncLogHandler[1];
        Thread writer = writerOf(() -> new AsyncLogHandler(out), handler);
        AsyncLogHandler.LineFormatter lines = new AsyncLogHandler.LineFormatter();
        handler[0].setFormatter(new java.util.logging.Formatter() {
            @Override
            public String format(LogRecord record) {
                if (record.getMessage().equals("poison")) {
                    throw new AssertionError("an Error in the writer thread (expected by this test)");
                }
                return lines.format(record);
            }
        });
        Thread.UncaughtExceptionHandler quiet = (t, e) -> { };
        writer.setUncaughtExceptionHandler(quiet);
        handler[0].publish(record("poison"));
        writer.join(5_000);
        assertTrue(!writer.isAlive(), "the Error ended the writer thread");

        assertACallerFillingTheQueueFinishesAndEveryLineIsWrittenOnce(handler[0], out);
    }
}
