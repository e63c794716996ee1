package com.hubble.kit.runner.client;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.hubble.kit.runner.cli.KitOutput;

/** Runs the partner's client command with {@code sh -c}, its output passed through, for a bounded time. */
public final class ClientProcess {
    /**
     * How a run ended: the exit status unless it was killed for running past the limit. {@code stopped}: the
     * processes the client started that the kit killed (those it left running when it exited, or all of them at the
     * limit), the client's own shell not counted. {@code outputHeld}: after all that, something still held the
     * client's output open: a process the kit could not find is still running.
     */
    public record Result(OptionalInt exitStatus, boolean timedOut, Duration elapsed, List<Stopped> stopped,
                         boolean outputHeld) {
        public Result {
            stopped = List.copyOf(stopped);
        }

        /** The client exited and left processes running, which the kit killed. */
        public boolean leftovers() {
            return !timedOut && !stopped.isEmpty();
        }
    }

    /** A process the kit stopped: its pid and command name, never its arguments (they may hold the client secret). */
    public record Stopped(long pid, String name) {
        @Override
        public String toString() {
            return name + " (pid " + pid + ")";
        }
    }

    /** The environment variable that marks every process of one run (inherited through fork, setsid, double fork). */
    public static final String MARKER_VARIABLE = StartedProcesses.MARKER_VARIABLE;

    /** setsid(1) runs the client in a session (and process group) of its own; absent on macOS. */
    private static final boolean SETSID = onPath("setsid");
    /** How long stopping the client's processes may take, at the end of a run or when the kit is stopped. */
    private static final Duration STOP_LIMIT = Duration.ofSeconds(5);
    /** How long the client's output may stay open once every process found was stopped. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private ClientProcess() {
    }

    /**
     * Starts {@code sh -c command} with the given extra environment, copies its stdout and stderr line by line to
     * {@code output} (prefixed "client| "), and waits at most {@code limit}. When the client exits, or past the
     * limit, or when the kit is stopped (Ctrl-C, SIGTERM), every process it started is killed: see
     * {@link StartedProcesses} for how they are found.
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
        String marker = UUID.randomUUID().toString();
        builder.environment().put(MARKER_VARIABLE, marker);
        long started = System.nanoTime();
        Process process = builder.start();
        // setsid execs sh in place (a child of the JVM is no group leader): the session's id is the shell's pid.
        StartedProcesses processes = StartedProcesses.watch(process.toHandle(),
                SETSID ? OptionalLong.of(process.pid()) : OptionalLong.empty(), marker);
        // Ctrl-C or SIGTERM reaches only the kit (the client has its own session): take the client down with the kit.
        Thread hook = new Thread(() -> {
            try {
                boolean running = process.isAlive();
                List<Stopped> stopped = processes.stopAll(STOP_LIMIT);
                if (running || !stopped.isEmpty()) {
                    synchronized (output) {
                        output.println("hubble-kit: the kit was stopped: killed the client" + (stopped.isEmpty() ? ""
                                : " and " + processes(stopped.size()) + " it started: " + list(stopped)));
                        output.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            Thread pump = Thread.ofPlatform().daemon().name("client-output").start(() -> copy(process, output, beforeEachLine));
            boolean exited = false;
            List<Stopped> stopped;
            try {
                exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                // also when the wait was interrupted: nothing the client started outlives the run
                stopped = processes.stopAll(STOP_LIMIT);
            }
            // Output still in the pipe is copied; every holder found is dead, so this ends quickly unless one escaped.
            pump.join(OUTPUT_DRAIN);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            return new Result(exited ? OptionalInt.of(process.exitValue()) : OptionalInt.empty(), !exited, elapsed,
                    stopped, pump.isAlive());
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs
            }
        }
    }

    /** "sleep (pid 41), python3 (pid 40)": at most ten, then how many more. */
    public static String list(List<Stopped> stopped) {
        String shown = String.join(", ", stopped.stream().limit(10).map(Stopped::toString).toList());
        return stopped.size() > 10 ? shown + " and " + (stopped.size() - 10) + " more" : shown;
    }

    /** "1 process", "3 processes". */
    public static String processes(int n) {
        return n + (n == 1 ? " process" : " processes");
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
        // Lines end at \n, \r or \r\n (as BufferedReader.readLine); a line is kept up to MAX_LINE characters and the
        // rest counted, so a client writing without line ends (a progress bar, a blob) cannot fill the kit's memory.
        StringBuilder line = new StringBuilder();
        long dropped = 0;
        boolean afterCr = false;
        try (InputStreamReader reader = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                for (int i = 0; i < n; i++) {
                    char c = buffer[i];
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                    } else if (c == '\n' || c == '\r') {
                        pass(line, dropped, output, beforeEachLine);
                        line.setLength(0);
                        dropped = 0;
                        afterCr = c == '\r';
                    } else {
                        afterCr = false;
                        if (line.length() < MAX_LINE) {
                            line.append(c);
                        } else {
                            dropped++;
                        }
                    }
                }
            }
            if (!line.isEmpty() || dropped > 0) {
                pass(line, dropped, output, beforeEachLine);
            }
        } catch (IOException e) {
            // the process was killed and its pipe closed: nothing more to copy
        }
    }

    /** The characters of one line of the client's output the kit keeps; the rest of a longer line is counted. */
    static final int MAX_LINE = 64 * 1024;

    private static void pass(StringBuilder line, long dropped, PrintWriter output, Runnable beforeEachLine) {
        beforeEachLine.run();
        // A value cut at the limit would show its beginning: a cut line is redacted as a cut text first.
        String text = dropped == 0 ? line.toString()
                : KitOutput.redactorOf(output).redactCut(line.toString())
                + " [line cut: " + dropped + " more characters not shown]";
        synchronized (output) {
            output.println("client| " + text);
            output.flush();
        }
    }
}
