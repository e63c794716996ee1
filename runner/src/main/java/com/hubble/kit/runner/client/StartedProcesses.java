package com.hubble.kit.runner.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.hubble.kit.runner.client.ClientProcess.Stopped;

/**
 * Every process a client run started, found while it runs and stopped when it ends, including those that left
 * its process group or session (setsid) or were re-parented (a double fork). Three nets, all without root:
 * <ul>
 *   <li>the process tree, polled every {@value #POLL_MILLIS} ms: a descendant of the client or of any process
 *       already found is remembered, so it stays found after its parent exits;</li>
 *   <li>sessions (Linux, {@code /proc}): every process in the session setsid gave the client, or in a session that a
 *       found process started;</li>
 *   <li>the environment (Linux, {@code /proc/PID/environ}, read when stopping): every process whose environment
 *       holds this run's {@code HUBBLE_KIT_RUN} marker, inherited through any fork, setsid or double fork;</li>
 *   <li>the output (Linux, {@code /proc/PID/fd}, read when stopping): every process that still holds the pipe the
 *       client's stdout and stderr go to.</li>
 * </ul>
 * Not found: a process that cleared or replaced its environment (env -i), left the session, lost its parent between
 * two polls and closed or redirected its output, or one started by a service outside the tree (systemd-run, docker,
 * at). On macOS only the polled tree is available. A process of another user (setuid) cannot be stopped without
 * root.
 */
final class StartedProcesses {
    /** The environment variable holding the run's marker. */
    static final String MARKER_VARIABLE = "HUBBLE_KIT_RUN";

    static final long POLL_MILLIS = 100;
    private static final Path PROC = Path.of("/proc");
    /** /proc with per-process stat files: Linux. */
    private static final boolean PROC_FS = Files.isReadable(PROC.resolve("self").resolve("stat"));
    private static final int MAX_ROUNDS = 10;

    /** A process as one look at the process table saw it; session -1 where the platform does not say. */
    private record Row(long pid, long parent, long session) {
    }

    private final ProcessHandle client;
    private final OptionalLong session;
    private final byte[] marker;
    /** The client's stdout as /proc shows it ("pipe:[4711]"), if it could be read. */
    private final Optional<Path> output;
    private final Set<Long> excluded = new HashSet<>();
    private final Map<ProcessHandle, String> known = new LinkedHashMap<>();
    private final Thread poller;
    private volatile boolean polling = true;

    /**
     * Starts watching: {@code client} is the process the kit started, {@code session} the session setsid gave it (its
     * pid), if any; {@code marker} is the value of {@link #MARKER_VARIABLE} in its environment.
     */
    static StartedProcesses watch(ProcessHandle client, OptionalLong session, String marker) {
        return new StartedProcesses(client, session, marker);
    }

    private StartedProcesses(ProcessHandle client, OptionalLong session, String marker) {
        this.client = client;
        this.session = session;
        this.marker = (MARKER_VARIABLE + "=" + marker).getBytes(StandardCharsets.UTF_8);
        // The kit and its ancestors are never the client's, whatever a scan says.
        for (Optional<ProcessHandle> p = Optional.of(ProcessHandle.current()); p.isPresent(); p = p.get().parent()) {
            excluded.add(p.get().pid());
        }
        output = PROC_FS ? link(PROC.resolve(Long.toString(client.pid())).resolve("fd").resolve("1"))
                .filter(target -> target.toString().startsWith("pipe:")) : Optional.empty();
        known.put(client, "sh");
        poller = Thread.ofPlatform().daemon().name("client-processes").start(this::poll);
    }

    private void poll() {
        while (polling) {
            synchronized (this) {
                if (polling) {
                    find(table(), false);
                    known.keySet().removeIf(h -> h != client && !h.isAlive());
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Stops the polling, then kills (SIGKILL) every process of the run that is still alive, the client's own
     * included, in rounds until none is left (a process may fork while its group is being killed), for at most about
     * {@code limit}. Returns those killed other than the client itself, by pid.
     */
    synchronized List<Stopped> stopAll(Duration limit) throws InterruptedException {
        polling = false;
        poller.interrupt();
        long deadline = System.nanoTime() + limit.toNanos();
        Map<Long, Stopped> stopped = new LinkedHashMap<>();
        for (int round = 0; round < MAX_ROUNDS && System.nanoTime() < deadline; round++) {
            // One look at the table before any kill: parents still link to their children.
            List<ProcessHandle> alive = find(table(), true);
            if (alive.isEmpty()) {
                break;
            }
            for (ProcessHandle process : alive) {
                String name = nameOf(process).orElse(known.getOrDefault(process, "unknown"));
                if (process.destroyForcibly() && process.pid() != client.pid()) {
                    stopped.putIfAbsent(process.pid(), new Stopped(process.pid(), name));
                }
            }
            for (ProcessHandle process : alive) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    process.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // still there (a zombie its parent has not reaped, or not ours to kill): the next round sees
                }
            }
        }
        return stopped.values().stream().sorted(java.util.Comparator.comparingLong(Stopped::pid)).toList();
    }

    /**
     * Finds the run's live processes in {@code table}, remembers them, and returns them with every remembered
     * process still alive. {@code environment}: also those whose environment holds the marker.
     */
    private List<ProcessHandle> find(List<Row> table, boolean environment) {
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, Row> byPid = new HashMap<>();
        for (Row row : table) {
            children.computeIfAbsent(row.parent(), k -> new ArrayList<>()).add(row.pid());
            byPid.put(row.pid(), row);
        }
        Set<Long> members = new HashSet<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        known.keySet().stream().filter(ProcessHandle::isAlive).forEach(h -> queue.add(h.pid()));
        Set<Long> sessions = new HashSet<>();
        session.ifPresent(sessions::add);
        for (Row row : table) {
            if (row.session() > 0 && sessions.contains(row.session())
                    || environment && !excluded.contains(row.pid()) && (holdsMarker(row.pid()) || holdsOutput(row.pid()))) {
                queue.add(row.pid());
            }
        }
        while (!queue.isEmpty()) {
            long pid = queue.poll();
            if (excluded.contains(pid) || !members.add(pid)) {
                continue;
            }
            queue.addAll(children.getOrDefault(pid, List.of()));
            Row row = byPid.get(pid);
            // A process we found that started a session of its own brings that session's members.
            if (row != null && row.session() == pid && sessions.add(pid)) {
                table.stream().filter(r -> r.session() == pid).forEach(r -> queue.add(r.pid()));
            }
        }
        List<ProcessHandle> alive = new ArrayList<>();
        for (long pid : members) {
            if (!byPid.containsKey(pid)) {
                continue; // a remembered process the table no longer lists (a zombie is left out): gone
            }
            ProcessHandle.of(pid).filter(ProcessHandle::isAlive).ifPresent(handle -> {
                known.computeIfAbsent(handle, h -> nameOf(h).orElse("unknown"));
                alive.add(handle);
            });
        }
        return alive;
    }

    /** The process table: from /proc on Linux (with sessions; zombies left out), from ProcessHandle elsewhere. */
    private static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        if (PROC_FS) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
                for (Path dir : dirs) {
                    statRow(dir).ifPresent(rows::add);
                }
                return rows;
            } catch (IOException e) {
                rows.clear(); // fall through to ProcessHandle
            }
        }
        ProcessHandle.allProcesses().forEach(p ->
                rows.add(new Row(p.pid(), p.parent().map(ProcessHandle::pid).orElse(-1L), -1)));
        return rows;
    }

    /** pid, parent and session from /proc/PID/stat ("pid (comm) state ppid pgrp session ..."); empty for a zombie. */
    private static Optional<Row> statRow(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"), StandardCharsets.ISO_8859_1);
            int end = stat.lastIndexOf(')'); // the command name may hold spaces and parentheses
            String[] fields = stat.substring(end + 2).split(" ", 5);
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new Row(Long.parseLong(stat.substring(0, stat.indexOf(' '))), Long.parseLong(fields[1]),
                    Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // exited meanwhile, or not readable
        }
    }

    /** Whether the process's environment (as it was at exec) holds the run's marker; unreadable ones (another user's) do not. */
    private boolean holdsMarker(long pid) {
        if (!PROC_FS) {
            return false;
        }
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        // Entries are NUL-terminated NAME=VALUE strings: the marker is one whole entry.
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == marker.length && Arrays.equals(environ, start, i, marker, 0, marker.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** Whether one of the process's open files is the client's output pipe. */
    private boolean holdsOutput(long pid) {
        if (output.isEmpty()) {
            return false;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                if (link(fd).equals(output)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not ours to read
        }
        return false;
    }

    private static Optional<Path> link(Path path) {
        try {
            return Optional.of(Files.readSymbolicLink(path));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The process's command name, never its arguments: on Linux /proc/PID/comm (what ps shows: "sh", "sleep"), elsewhere
     * the file name of its executable.
     */
    private static Optional<String> nameOf(ProcessHandle process) {
        if (PROC_FS) {
            try {
                String comm = Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("comm"),
                        StandardCharsets.UTF_8).strip();
                if (!comm.isEmpty()) {
                    return Optional.of(comm);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or not readable: ask ProcessHandle
            }
        }
        return process.info().command().map(command -> command.substring(command.lastIndexOf('/') + 1))
                .filter(name -> !name.isEmpty());
    }

    private static boolean isNumber(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
