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
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Runs the partner's client command with {@code sh -c}, its output passed through, for a bounded time. */
public final class ClientProcess {
    /**
     * How a run ended: the exit status unless it was killed for running past the limit; {@code leftovers} says the
     * client left processes running after it exited (they were killed).
     */
    public record Result(OptionalInt exitStatus, boolean timedOut, Duration elapsed, boolean leftovers) {
    }

    /** setsid(1) runs the client in a session (and process group) of its own; absent on macOS. */
    private static final boolean SETSID = onPath("setsid");

    private ClientProcess() {
    }

    /**
     * Starts {@code sh -c command} with the given extra environment, copies its stdout and stderr line by line to
     * {@code output} (prefixed "client| "), and waits at most {@code limit}. When the client exits, or past the
     * limit, everything it started is killed: its process group (a detached {@code (sleep 300 &)} included) where
     * setsid exists, its live descendants otherwise.
     */
    public static Result run(String command, Map<String, String> environment, Duration limit, PrintWriter output)
            throws IOException, InterruptedException {
        return run(command, environment, limit, output, () -> { });
    }

    /**
     * As {@link #run(String, Map, Duration, PrintWriter)}, with {@code beforeEachLine} run before each line of the
     * client's output is passed on (client-check registers the tokens issued so far with the output's redactor).
     */
    public static Result run(String command, Map<String, String> environment, Duration limit, PrintWriter output,
                             Runnable beforeEachLine) throws IOException, InterruptedException {
        List<String> argv = SETSID ? List.of("setsid", "sh", "-c", command) : List.of("sh", "-c", command);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = builder.start();
        // setsid execs sh in place (a child of the JVM is no group leader): the group's id is the shell's pid.
        OptionalLong group = SETSID ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        // Ctrl-C reaches only the kit (the client has its own session): take the client down with the kit.
        Thread hook = new Thread(() -> {
            try {
                killAll(process, group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Thread pump = Thread.ofPlatform().daemon().name("client-output").start(() -> copy(process, output, beforeEachLine));
            boolean exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            boolean leftovers = exited && (groupAlive(group) || process.descendants().anyMatch(ProcessHandle::isAlive));
            killAll(process, group);
            // Output still in the pipe is copied; the pipe's other holders are dead, so this ends quickly.
            pump.join(Duration.ofSeconds(2));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return exited ? new Result(OptionalInt.of(process.exitValue()), false, elapsed, leftovers)
                    : new Result(OptionalInt.empty(), true, elapsed, false);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /**
     * The process group first (it holds re-parented, detached children too), then the descendants (collected before
     * the shell dies, or they would be re-parented out of reach), then the shell.
     */
    static void killAll(Process process, OptionalLong group) throws InterruptedException {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (group.isPresent()) {
            signalGroup(group.getAsLong(), "-KILL");
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        for (ProcessHandle child : descendants) {
            child.onExit().orTimeout(5, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (groupAlive(group) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** Whether any process of the group is left (kill -0 succeeds). */
    private static boolean groupAlive(OptionalLong group) throws InterruptedException {
        return group.isPresent() && signalGroup(group.getAsLong(), "-0");
    }

    /** kill(1) on a whole process group; true when the signal was delivered to at least one process. */
    private static boolean signalGroup(long group, String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", signal, "--", "-" + group)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void copy(Process process, PrintWriter output, Runnable beforeEachLine) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                beforeEachLine.run();
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
