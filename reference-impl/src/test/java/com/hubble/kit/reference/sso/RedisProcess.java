package com.hubble.kit.reference.sso;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} for tests: its own temporary directory, a free loopback port, append-only persistence
 * (so a restart keeps consumed markers, as a production Redis would), stopped by its pid. Start it with
 * {@link #start}; {@link #stop} and {@link #restart} simulate an outage on the same port.
 */
final class RedisProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final String password;
    private Process process;

    private RedisProcess(Path dir, int port, String password) {
        this.dir = dir;
        this.port = port;
        this.password = password;
    }

    /** Skips the calling test when redis-server is not installed (.ci/run installs it). */
    static RedisProcess start() throws IOException, InterruptedException {
        return start(null);
    }

    static RedisProcess start(String requirePassword) throws IOException, InterruptedException {
        Assumptions.assumeTrue(executable() != null,
                "redis-server is not installed (apt-get install redis-server; .ci/run does it): Redis tests skipped");
        RedisProcess redis = new RedisProcess(Files.createTempDirectory("hubble-redis-"), freePort(), requirePassword);
        redis.launch();
        return redis;
    }

    private static String executable() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/opt/homebrew/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString(),
                "--save", "", "--enable-debug-command", "local", "--appendonly", "yes", "--appendfsync", "always", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
            }
            try {
                if (command("PING").contains("PONG") || command("PING").contains("NOAUTH")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("redis-server did not answer PING within 10 s on port " + port);
    }

    /** Sends one inline command (e.g. {@code DEBUG SLEEP 1}) as a plain client and returns the first reply line. */
    String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
                readLine(socket.getInputStream());
            }
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readLine(socket.getInputStream());
        }
    }

    /** Sends one inline command whose reply is a bulk string (e.g. {@code CLIENT LIST}) and returns that string. */
    String bulk(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                out.write(("AUTH " + password + "\r\n").getBytes(StandardCharsets.UTF_8));
                readLine(in);
            }
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String header = readLine(in);
            if (!header.startsWith("$")) {
                throw new IOException("not a bulk reply to " + inline + ": " + header);
            }
            return new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** Stops it (SIGTERM by pid, waits): Redis writes its append-only file and exits. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts it again on the same port and directory: the consumed markers come back from the append-only file. */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
