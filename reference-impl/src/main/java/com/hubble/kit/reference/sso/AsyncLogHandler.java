package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A {@link Handler} that formats and writes records on its own thread, in batches through a buffer that is flushed
 * whenever the queue runs dry, so a request never waits on the terminal or a pipe. The queue is bounded: when the
 * writer falls behind, callers wait (memory stays bounded and no record is dropped); should the writer thread die
 * (an Error), callers write their own records rather than wait forever. {@link #close()} writes
 * everything queued before it returns; a record published after close is written at once, never lost.
 *
 * <p>The writer is not woken per record: when it finds the queue empty it sleeps {@link #IDLE_PAUSE_MILLIS} and
 * looks again. At tens of thousands of requests a second, waking it for each line cost a thread wake-up and a
 * write system call per request; now a line waits at most a few milliseconds and each write carries hundreds.
 */
public final class AsyncLogHandler extends Handler {
    static final int QUEUE_CAPACITY = 16_384;
    private static final int BATCH = 1_024;
    /** How long the writer sleeps when it finds nothing to write: the most a line waits in a quiet moment. */
    static final long IDLE_PAUSE_MILLIS = 5;
    /** How long a caller waits before it looks again for room in a full queue. */
    private static final long FULL_PAUSE_NANOS = 200_000;

    /**
     * Lock-free: a request thread adds its line with a compare-and-set, never by taking a lock the writer also
     * takes (with a locked queue, a request thread preempted while holding the lock held up every other request).
     * {@link #queued} bounds it: past {@link #QUEUE_CAPACITY} lines, callers wait for the writer.
     */
    private final Queue<LogRecord> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Writer out;
    private final Thread writer;
    private volatile boolean closed;

    public AsyncLogHandler(OutputStream stream) {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        setFormatter(new LineFormatter());
        this.writer = Thread.ofPlatform().daemon().name("access-log-writer").start(this::writeUntilClosed);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        if (!closed) {
            if (!awaitRoom()) {
                if (writer.isAlive()) {
                    writeNow(List.of(record)); // interrupted: the writer goes on with the queue
                } else {
                    drainNow(record); // the writer is gone (an Error): no one else will empty the queue
                }
                return;
            }
            queue.add(record);
            if (closed) {
                // close() may have drained the queue just before this record arrived: write what is left ourselves.
                // Not the record by name: the writer or close() may have taken it already, and whoever takes a
                // record writes it (writing it here too was a duplicate line).
                drainNow(null);
            }
            return;
        }
        drainNow(record);
    }

    /** Takes a place in the queue, waiting while it is full; false when interrupted (the flag is kept) or closed. */
    private boolean awaitRoom() {
        while (queued.incrementAndGet() > QUEUE_CAPACITY) {
            queued.decrementAndGet();
            if (closed || !writer.isAlive()) {
                return false;
            }
            LockSupport.parkNanos(FULL_PAUSE_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    /** Takes up to {@code max} records off the queue into {@code batch}, giving their places back. */
    private void drainTo(List<LogRecord> batch, int max) {
        int taken = 0;
        LogRecord record;
        while (taken < max && (record = queue.poll()) != null) {
            batch.add(record);
            taken++;
        }
        queued.addAndGet(-taken);
    }

    @Override
    public void flush() {
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                reportError("cannot flush the log", e, java.util.logging.ErrorManager.FLUSH_FAILURE);
            }
        }
    }

    /** Stops the writer after it has written every queued record, then flushes. The stream stays open. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainNow(null);
    }

    private void drainNow(LogRecord extra) {
        List<LogRecord> batch = new ArrayList<>();
        drainTo(batch, Integer.MAX_VALUE);
        if (extra != null) {
            batch.add(extra); // never queued: published after close
        }
        writeNow(batch);
    }

    private void writeUntilClosed() {
        List<LogRecord> batch = new ArrayList<>(BATCH);
        while (true) {
            try {
                drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    if (closed) {
                        return;
                    }
                    Thread.sleep(IDLE_PAUSE_MILLIS);
                    continue;
                }
                writeNow(batch);
                batch.clear();
            } catch (InterruptedException e) {
                // Not a way to stop it: only close() does, once the queue is written (leaving here left callers
                // waiting forever for room in a queue no one emptied).
            } catch (RuntimeException e) {
                reportError("cannot write the log", e, java.util.logging.ErrorManager.WRITE_FAILURE);
                batch.clear();
            }
        }
    }

    private void writeNow(List<LogRecord> batch) {
        if (batch.isEmpty()) {
            return;
        }
        synchronized (out) {
            try {
                for (LogRecord record : batch) {
                    out.write(getFormatter().format(record));
                }
                // One flush per batch, and only when nothing else is waiting: few syscalls under load, no delay when idle.
                if (queue.isEmpty()) {
                    out.flush();
                }
            } catch (IOException e) {
                reportError("cannot write the log", e, java.util.logging.ErrorManager.WRITE_FAILURE);
            }
        }
    }

    /** {@code 2026-11-23T12:02:09.178Z INFO logger: message}, UTC, one line per record. */
    static final class LineFormatter extends Formatter {
        /** The formatted second ({@code 2026-11-23T12:02:09}) of the last record: most lines share it with the one before. */
        private long cachedSecond = Long.MIN_VALUE;
        private String cachedPrefix = "";

        @Override
        public synchronized String format(LogRecord record) {
            StringBuilder line = new StringBuilder(160);
            java.time.Instant instant = record.getInstant();
            long second = instant.getEpochSecond();
            if (second != cachedSecond) {
                String full = DateTimeFormatter.ISO_INSTANT.format(java.time.Instant.ofEpochSecond(second));
                cachedPrefix = full.substring(0, full.length() - 1); // without the Z
                cachedSecond = second;
            }
            int millis = instant.getNano() / 1_000_000;
            line.append(cachedPrefix).append('.')
                    .append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10))
                    .append('Z').append(' ').append(record.getLevel().getName()).append(' ').append(record.getLoggerName())
                    .append(": ").append(formatMessage(record)).append(System.lineSeparator());
            return line.toString();
        }
    }
}
