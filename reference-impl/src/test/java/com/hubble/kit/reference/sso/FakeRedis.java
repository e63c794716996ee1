package com.hubble.kit.reference.sso;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server that speaks just enough RESP to misbehave on purpose: every command is handed to a
 * {@link Responder}, which says what to write back (or to close the connection). What a real Redis cannot be made to
 * do on cue (cut a batch in the middle, answer out of step, answer late) is done here; the store's normal behaviour
 * is tested against a real redis-server.
 */
final class FakeRedis implements AutoCloseable {

    /** Decides the reply to one command: raw RESP to write, or null to close the connection instead. */
    @FunctionalInterface
    interface Responder {
        String answer(List<String> command) throws InterruptedException;
    }

    /** Answers the handshake Jedis sends (HELLO 2, CLIENT SETNAME/SETINFO, SELECT, AUTH) and PING; SET to {@code sets}. */
    static Responder withHandshake(Responder sets) {
        return command -> switch (command.getFirst().toUpperCase()) {
            case "PING" -> command.size() > 1 ? bulk(command.get(1)) : "+PONG\r\n";
            case "SET" -> sets.answer(command);
            case "HELLO" -> "*14\r\n" + bulk("server") + bulk("redis") + bulk("version") + bulk("7.0.15")
                    + bulk("proto") + ":2\r\n" + bulk("id") + ":1\r\n" + bulk("mode") + bulk("standalone")
                    + bulk("role") + bulk("master") + bulk("modules") + "*0\r\n";
            default -> "+OK\r\n";
        };
    }

    static String bulk(String value) {
        return "$" + value.getBytes(StandardCharsets.UTF_8).length + "\r\n" + value + "\r\n";
    }

    private final ServerSocket server;
    private final Responder responder;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    /** Every command received, in order, across connections. */
    final List<List<String>> received = new CopyOnWriteArrayList<>();

    FakeRedis(Responder responder) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        Thread.ofPlatform().daemon().name("fake-redis-accept").start(this::accept);
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + server.getLocalPort());
    }

    /** Closes every open connection from the server's side, as a Redis restart or its idle timeout would. */
    void dropConnections() throws IOException {
        for (Socket socket : connections) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread.ofPlatform().daemon().name("fake-redis-connection").start(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            List<String> command;
            while ((command = readCommand(in)) != null) {
                received.add(command);
                String answer = responder.answer(command);
                if (answer == null) {
                    return;
                }
                out.write(answer.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client or the test closed the connection
        } finally {
            connections.remove(socket);
        }
    }

    /** One {@code *N} array of bulk strings, or null at the end of the stream. */
    private static List<String> readCommand(InputStream in) throws IOException {
        String header = readLine(in);
        if (header == null) {
            return null;
        }
        if (!header.startsWith("*")) {
            throw new IOException("not a RESP array: " + header);
        }
        int count = Integer.parseInt(header.substring(1));
        List<String> command = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String length = readLine(in);
            if (length == null || !length.startsWith("$")) {
                throw new IOException("not a bulk string: " + length);
            }
            byte[] value = in.readNBytes(Integer.parseInt(length.substring(1)));
            in.readNBytes(2); // CRLF
            command.add(new String(value, StandardCharsets.UTF_8));
        }
        return command;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return line.toString();
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        dropConnections();
    }
}
