package com.hubble.kit.reference.sso;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A few connections to one Redis on which the commands of concurrent callers are written together and answered in
 * order (automatic pipelining): Redis and this process pay one write and one read per batch, not per command.
 * Each connection has one thread that takes whatever callers queued, writes it, and reads exactly that many replies.
 * Every batch ends with {@code PING <nonce>}: a batch whose last reply is not that nonce (a reply missing or extra),
 * that breaks, or that is slower than the command timeout fails as a whole and its connection is dropped, so a
 * reply is never handed to the wrong caller. A caller waits at most the command timeout, then gets {@link Failed}.
 */
final class RedisPipeline implements AutoCloseable {
    /** Commands written in one go at most; more wait for the next batch (a bound on one read's work). */
    static final int MAX_BATCH = 512;
    private static final Failed TIMED_OUT = new Failed("timeout");
    private static final Failed CLOSED = new Failed("closed");

    /** What Redis answered to one command, or why there is no answer. */
    sealed interface Reply permits Value, Nil, ErrorReply, Failed, Unexpected {
    }

    /** A status or bulk string reply ({@code +OK}, {@code $4 PONG}); Jedis does not tell the two apart. */
    record Value(byte[] bytes) implements Reply {
        boolean is(byte[] expected) {
            return Arrays.equals(bytes, expected);
        }
    }

    /** The nil reply ({@code $-1}): for {@code SET NX}, the key existed. */
    record Nil() implements Reply {
    }

    /** Redis answered this command with an error ({@code -NOAUTH ...}); {@code code} is its first word only. */
    record ErrorReply(String code) implements Reply {
    }

    /** No answer: timeout, broken or refused connection, a batch out of step, or the pipeline closed. */
    record Failed(String cause) implements Reply {
    }

    /** An answer of a type the command cannot have (an integer or array where a string was due). */
    record Unexpected(String type) implements Reply {
    }

    /** One caller's command and where its reply goes. */
    private record Call(ProtocolCommand command, byte[][] args, CompletableFuture<Reply> reply) {
    }

    private final HostAndPort address;
    private final JedisClientConfig client;
    private final long timeoutNanos;
    private final LinkedBlockingQueue<Call> queue = new LinkedBlockingQueue<>();
    private final List<Thread> lanes = new ArrayList<>();
    /** Each lane's open connection, so that {@link #close} can break a read that is in progress. */
    private final AtomicReferenceArray<Connection> open;
    /** Distinguishes this pipeline's nonces from any other client's. */
    private final String nonceBase = "hubble-sso:" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";
    private volatile boolean closed;

    /**
     * @param connections how many connections (each with its own batch in flight)
     * @param timeout     the longest a caller waits for its reply, queueing included; also each connection's read
     *                    timeout ({@code client}'s socket timeout should match it)
     */
    RedisPipeline(HostAndPort address, JedisClientConfig client, int connections, Duration timeout) {
        this.address = Objects.requireNonNull(address, "address");
        this.client = Objects.requireNonNull(client, "client");
        this.timeoutNanos = timeout.toNanos();
        this.open = new AtomicReferenceArray<>(connections);
        for (int lane = 0; lane < connections; lane++) {
            int index = lane;
            // Virtual, like the requests: waking one is a task on the same carriers, not an OS thread switch, which
            // measured cheaper per request than platform threads blocked in socket reads.
            lanes.add(Thread.ofVirtual().name("hubble-sso-redis-" + lane).start(() -> run(index)));
        }
    }

    /** Sends one command with the next batch and waits for its reply, at most the timeout. */
    Reply call(ProtocolCommand command, byte[]... args) {
        if (closed) {
            return CLOSED;
        }
        Call call = new Call(command, args, new CompletableFuture<>());
        queue.add(call);
        try {
            return call.reply().get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // Completing it tells the lane to skip it if not sent yet; a reply that won the race is still the answer.
            call.reply().complete(TIMED_OUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.reply().complete(new Failed("interrupted"));
        } catch (ExecutionException e) {
            call.reply().complete(new Failed(e.getCause().getClass().getSimpleName()));
        }
        return call.reply().join();
    }

    private void run(int lane) {
        List<Call> batch = new ArrayList<>();
        Connection connection = null;
        long sequence = 0;
        try {
            while (!closed) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                // Callers that gave up already have their answer (503); sending theirs would only burn the token.
                batch.removeIf(call -> call.reply().isDone());
                if (batch.isEmpty()) {
                    continue;
                }
                try {
                    boolean reused = connection != null;
                    if (!reused) {
                        connection = connect(lane);
                    }
                    List<Object> replies;
                    try {
                        replies = exchange(connection, batch, nonce(lane, ++sequence));
                    } catch (NothingRead e) {
                        if (!reused || closed) {
                            throw e.failure;
                        }
                        // A connection that idled broke before this batch got any reply (Redis restarted, or closed
                        // it as idle): once, on a new one. Should Redis have applied a SET after all, the retry
                        // answers nil, a rejection: never a second first use.
                        drop(lane, connection);
                        connection = null;
                        connection = connect(lane);
                        replies = exchange(connection, batch, nonce(lane, ++sequence));
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).reply().complete(reply(replies.get(i)));
                    }
                } catch (NothingRead e) {
                    drop(lane, connection);
                    connection = null;
                    fail(batch, new Failed(e.failure.getClass().getSimpleName()));
                } catch (RuntimeException e) {
                    // Whatever broke (read timeout, connection, a reply out of step): every call of the batch fails
                    // closed, and the connection goes, because its stream can no longer be trusted to be in step.
                    drop(lane, connection);
                    connection = null;
                    fail(batch, new Failed(e.getClass().getSimpleName()));
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close() asked this lane to stop
        } finally {
            drop(lane, connection);
            fail(batch, CLOSED);
        }
    }

    /** A new connection (Jedis's reconnect of a broken one would skip AUTH and SELECT), known to close(). */
    private Connection connect(int lane) {
        Connection connection = new Connection(address, client);
        open.set(lane, connection);
        if (closed) {
            drop(lane, connection);
            throw new IllegalStateException("closed");
        }
        return connection;
    }

    private byte[] nonce(int lane, long sequence) {
        return (nonceBase + lane + ":" + sequence).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes the batch and its closing {@code PING <nonce>}, reads exactly as many replies, and checks that the last
     * one is the nonce: the replies before it are then, in order, the batch's.
     *
     * @throws NothingRead when the connection failed before its first reply (other than by a timeout)
     */
    private static List<Object> exchange(Connection connection, List<Call> batch, byte[] nonce) {
        List<Object> replies = new ArrayList<>(batch.size() + 1);
        try {
            for (Call call : batch) {
                connection.sendCommand(call.command(), call.args());
            }
            connection.sendCommand(Protocol.Command.PING, nonce);
            for (int i = 0; i <= batch.size(); i++) {
                try {
                    replies.add(i == 0 ? connection.getOne() : connection.getUnflushedObject());
                } catch (JedisDataException error) {
                    replies.add(error); // an error reply for this one command; the stream is still in step
                }
            }
        } catch (JedisConnectionException e) {
            if (replies.isEmpty() && !(e.getCause() instanceof SocketTimeoutException)) {
                throw new NothingRead(e);
            }
            throw e;
        }
        if (!(replies.getLast() instanceof byte[] last) || !Arrays.equals(last, nonce)) {
            throw new IllegalStateException("batch out of step");
        }
        return replies;
    }

    /** The connection failed before the batch got any reply. */
    private static final class NothingRead extends RuntimeException {
        private final JedisConnectionException failure;

        NothingRead(JedisConnectionException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    private static Reply reply(Object raw) {
        return switch (raw) {
            case null -> new Nil();
            case byte[] bytes -> new Value(bytes);
            case JedisDataException error -> new ErrorReply(firstWord(error.getMessage()));
            default -> new Unexpected(raw.getClass().getSimpleName());
        };
    }

    private static String firstWord(String message) {
        if (message == null || message.isEmpty()) {
            return "ERR";
        }
        int space = message.indexOf(' ');
        return space < 0 ? message : message.substring(0, space);
    }

    private static void fail(List<Call> calls, Failed failure) {
        for (Call call : calls) {
            call.reply().complete(failure);
        }
    }

    private void drop(int lane, Connection connection) {
        if (connection != null) {
            open.compareAndSet(lane, connection, null);
            try {
                connection.forceDisconnect();
            } catch (java.io.IOException | RuntimeException ignored) {
                // already broken; nothing more to release
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (int lane = 0; lane < open.length(); lane++) {
            drop(lane, open.get(lane));
        }
        lanes.forEach(Thread::interrupt);
        for (Thread lane : lanes) {
            try {
                lane.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Call> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, CLOSED);
    }
}
