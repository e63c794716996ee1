package com.hubble.kit.runner.sso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A raw-socket front that answers like Python's http.server by default: one request per connection, relayed to a
 * partner, its answer written back as HTTP/1.0 with Content-Length and no Connection header, then the connection
 * closed (RFC 9112 section 9.3: such an answer ends the connection).
 */
final class Http10Front implements AutoCloseable {
    private final ServerSocket socket;
    private final URI upstream;
    private final Thread acceptor;

    Http10Front(URI upstream) throws IOException {
        this.upstream = upstream;
        this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    Thread.ofVirtual().start(() -> serve(connection));
                } catch (IOException closed) {
                    // close() stops the front
                }
            }
        });
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    private void serve(Socket connection) {
        try (connection; Socket partner = new Socket()) {
            connection.setSoTimeout(10_000);
            InputStream in = connection.getInputStream();
            String head = head(in);
            if (head == null) {
                return;
            }
            StringBuilder forwarded = new StringBuilder();
            long length = 0;
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(line.substring(15).trim());
                }
                if (!lower.startsWith("connection:")) {
                    forwarded.append(line).append("\r\n");
                }
            }
            forwarded.append("Connection: close\r\n\r\n");
            partner.connect(new InetSocketAddress(upstream.getHost(), upstream.getPort()), 5_000);
            partner.setSoTimeout(10_000);
            OutputStream up = partner.getOutputStream();
            up.write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(in.readNBytes((int) length));
            up.flush();
            connection.getOutputStream().write(asHttp10(answer(partner.getInputStream())));
            connection.getOutputStream().flush();
        } catch (IOException | RuntimeException e) {
            // the client or the partner went away: this connection ends, as a real server's would
        }
    }

    /** The request line and headers (without the blank line), or null if the client sent nothing. */
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int b = in.read(); b >= 0; b = in.read()) {
            bytes.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                return text.substring(0, text.length() - 4);
            }
        }
        return null;
    }

    /** The partner's whole answer: its head, then a Content-Length or chunked body (or up to the close). */
    private static byte[] answer(InputStream in) throws IOException {
        String head = head(in);
        if (head == null) {
            throw new IOException("the partner sent nothing");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("\r\ncontent-length:");
        if (lower.contains("transfer-encoding: chunked")) {
            while (true) {
                String sizeLine = line(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    return out.toByteArray();
                }
                out.write(in.readNBytes(size + 2));
            }
        } else if (at >= 0) {
            int end = lower.indexOf("\r\n", at + 2);
            int length = Integer.parseInt(head.substring(at + 17, end < 0 ? head.length() : end).trim());
            out.write(in.readNBytes(length));
        } else {
            out.write(in.readAllBytes());
        }
        return out.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /** The partner's HTTP/1.1 answer (read to its close) as http.server writes one: HTTP/1.0, Content-Length. */
    private static byte[] asHttp10(byte[] answer) throws IOException {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        byte[] body = dechunked(text.substring(split + 4), text.substring(0, split).toLowerCase(Locale.ROOT)
                .contains("transfer-encoding: chunked"));
        StringBuilder head = new StringBuilder("HTTP/1.0" + lines[0].substring("HTTP/1.1".length()) + "\r\n");
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (!lower.startsWith("connection:") && !lower.startsWith("transfer-encoding:")
                    && !lower.startsWith("content-length:") && !lower.startsWith("keep-alive:")) {
                head.append(lines[i]).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        return out.toByteArray();
    }

    private static byte[] dechunked(String body, boolean chunked) {
        if (!chunked) {
            return body.getBytes(StandardCharsets.ISO_8859_1);
        }
        StringBuilder plain = new StringBuilder();
        int at = 0;
        while (true) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).split(";")[0].trim(), 16);
            if (size == 0) {
                return plain.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            plain.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
    }

    @Override
    public void close() throws Exception {
        socket.close();
        acceptor.join(Duration.ofSeconds(2));
    }
}
