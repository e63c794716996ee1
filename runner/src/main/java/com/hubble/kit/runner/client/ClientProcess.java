package com.hubble.kit.runner.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** Runs the partner's client command with {@code sh -c}, its output passed through, for a bounded time. */
public final class ClientProcess {
    /** How a run ended: the exit status unless it was killed for running past the limit. */
    public record Result(OptionalInt exitStatus, boolean timedOut, Duration elapsed) {
    }

    private ClientProcess() {
    }

    /**
     * Starts {@code sh -c command} with the given extra environment, copies its stdout and stderr line by line to
     * {@code output} (prefixed "client| "), and waits at most {@code limit}; past it, kills the whole process tree.
     */
    public static Result run(String command, Map<String, String> environment, Duration limit, PrintWriter output)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        Thread pump = Thread.ofPlatform().daemon().name("client-output").start(() -> copy(process, output));
        boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            killTree(process);
        }
        // Output still in the pipe is copied; a background child holding the pipe open does not block us long.
        pump.join(Duration.ofSeconds(2));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return exited ? new Result(OptionalInt.of(process.exitValue()), false, elapsed)
                : new Result(OptionalInt.empty(), true, elapsed);
    }

    /** Children first (collected before the shell dies, or they would be re-parented out of reach), then the shell. */
    static void killTree(Process process) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        for (ProcessHandle child : descendants) {
            child.onExit().orTimeout(5, TimeUnit.SECONDS);
        }
    }

    private static void copy(Process process, PrintWriter output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.println("client| " + line);
                    output.flush();
                }
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: nothing more to copy
        }
    }
}
