package com.hubble.kit.runner.sso.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import com.hubble.kit.runner.access.TlsSupport;
import com.hubble.kit.runner.report.Header;

/**
 * One HTTP/1.1 keep-alive connection for the load probe: the same prepared request bytes again and again, the
 * answer's status and headers read, its body skipped (at most {@link SsoClient#BODY_CAP}). No request or response
 * objects per call, so the kit's own overhead does not cap the load it can send. A deadline bounds each whole
 * exchange; a connection the server closed is reopened once per call, and one the answer ends (HTTP/1.0 without
 * keep-alive, or {@code Connection: close}) is closed at once.
 */
final class KeepAliveConnection implements AutoCloseable {
    private static final int EVIDENCE_BODY = 2048;

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final boolean verifyHost;
    private final int timeoutMillis;
    private final byte[] buffer = new byte[16 * 1024];
    private int position;
    private int limit;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long deadline;

    /**
     * What came back: the status, and for evidence the headers and the start of the body when asked;
     * {@code oneShot} when the server ends every connection after its answer (HTTP/1.0 without keep-alive).
     */
    record Answer(int status, List<Header> headers, String bodyStart, boolean truncated, boolean oneShot) {
    }

    KeepAliveConnection(URI target, boolean insecure, int timeoutMillis) {
        this.host = target.getHost();
        boolean https = "https".equalsIgnoreCase(target.getScheme());
        this.port = target.getPort() != -1 ? target.getPort() : https ? 443 : 80;
        this.tls = https ? TlsSupport.context(insecure).getSocketFactory() : null;
        this.verifyHost = !insecure;
        this.timeoutMillis = timeoutMillis;
    }

    /** The request bytes for POST {@code target} with these headers and body, made once per caller. */
    static byte[] request(URI target, List<Header> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(target.getHost()).append(target.getPort() == -1 ? "" : ":" + target.getPort())
                .append("\r\nUser-Agent: hubble-kit/0.1.0\r\nContent-Type: application/json\r\n");
        for (Header header : headers) {
            head.append(header.name()).append(": ").append(header.value()).append("\r\n");
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[start.length + content.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(content, 0, all, start.length, content.length);
        return all;
    }

    /** An OPTIONS request for {@code target}'s path: no body, no secret, no token; any answer shows the HTTP version. */
    static byte[] options(URI target) {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return ("OPTIONS " + path + " HTTP/1.1\r\nHost: " + target.getHost()
                + (target.getPort() == -1 ? "" : ":" + target.getPort())
                + "\r\nUser-Agent: hubble-kit/0.1.0\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends the request and reads the answer. Throws {@link SocketTimeoutException} when the whole exchange took longer
     * than the timeout, another IOException when the connection failed; the connection is then closed.
     */
    Answer call(byte[] request, boolean keepEvidence) throws IOException {
        deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        boolean reused = socket != null;
        try {
            return exchange(request, keepEvidence);
        } catch (EOFException closedBeforeAnswering) {
            close();
            if (!reused) {
                throw closedBeforeAnswering;
            }
            // A kept-alive connection the server had closed: once more on a fresh one, as any HTTP client does.
            try {
                return exchange(request, keepEvidence);
            } catch (IOException e) {
                close();
                throw e;
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(byte[] request, boolean keepEvidence) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        int status;
        List<Header> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        boolean oneShot;
        do {
            String statusLine = line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("the server did not answer with HTTP");
            }
            status = parseStatus(statusLine);
            // RFC 9112 section 9.3: an HTTP/1.0 answer ends the connection unless it says keep-alive.
            oneShot = statusLine.startsWith("HTTP/1.0");
            headers.clear();
            for (String line = line(); !line.isEmpty(); line = line()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = parseLength(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    String options = "," + value.toLowerCase(java.util.Locale.ROOT).replace(" ", "") + ",";
                    close = options.contains(",close,");
                    oneShot = oneShot && !options.contains(",keep-alive,");
                }
                if (keepEvidence) {
                    headers.add(new Header(name, value));
                }
            }
        } while (status >= 100 && status < 200); // 100 Continue and friends precede the answer
        close = close || oneShot;
        StringBuilder evidence = keepEvidence ? new StringBuilder() : null;
        boolean truncated = false;
        if (status == 204 || status == 304) {
            length = 0;
        }
        if (chunked) {
            long total = 0;
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                total += size;
                if (total > SsoClient.BODY_CAP) {
                    throw new IOException("the answer's body is over " + SsoClient.BODY_CAP + " bytes");
                }
                skip(size, evidence);
                line(); // the CRLF after the chunk
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used
            }
        } else if (length >= 0) {
            if (length > SsoClient.BODY_CAP) {
                truncated = true;
                close = true;
                skip(SsoClient.BODY_CAP, evidence);
            } else {
                skip(length, evidence);
            }
        } else {
            // No length: the body runs to the end of the connection.
            close = true;
            truncated = skipToEnd(evidence);
        }
        if (close) {
            close();
        }
        return new Answer(status, headers, evidence == null ? "" : evidence.toString(), truncated, oneShot);
    }

    private void open() throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(host, port), timeoutMillis);
        Socket opened = plain;
        if (tls != null) {
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setProtocols(new String[]{"TLSv1.3", "TLSv1.2"});
            if (verifyHost) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(timeoutMillis);
            secure.startHandshake();
            opened = secure;
        }
        opened.setSoTimeout(timeoutMillis);
        socket = opened;
        in = opened.getInputStream();
        out = opened.getOutputStream();
        position = 0;
        limit = 0;
    }

    private int read() throws IOException {
        if (position == limit) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no complete response in time");
            }
            limit = in.read(buffer);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xff;
    }

    /** One header-section line without its CRLF (Latin-1, at most 8 KiB). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = read(); b != '\n'; b = read()) {
            if (b == -1) {
                throw new EOFException("the server closed the connection without an HTTP response");
            }
            if (b != '\r') {
                if (line.length() >= 8192) {
                    throw new IOException("a header line over 8 KiB");
                }
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private void skip(long count, StringBuilder evidence) throws IOException {
        long left = count;
        while (left > 0) {
            if (position == limit) {
                if (read() == -1) {
                    throw new EOFException("the connection closed inside the body");
                }
                position--; // read() refilled the buffer; the byte it returned is part of what is skipped
            }
            int n = (int) Math.min(left, limit - position);
            if (evidence != null && evidence.length() < EVIDENCE_BODY) {
                evidence.append(new String(buffer, position, Math.min(n, EVIDENCE_BODY - evidence.length()),
                        StandardCharsets.UTF_8));
            }
            position += n;
            left -= n;
        }
    }

    private boolean skipToEnd(StringBuilder evidence) throws IOException {
        long total = 0;
        for (int b = read(); b != -1; b = read()) {
            if (evidence != null && evidence.length() < EVIDENCE_BODY) {
                evidence.append((char) b);
            }
            if (++total >= SsoClient.BODY_CAP) {
                return true;
            }
        }
        return false;
    }

    private long chunkSize() throws IOException {
        String line = line();
        int end = line.indexOf(';');
        try {
            return Long.parseLong((end < 0 ? line : line.substring(0, end)).trim(), 16);
        } catch (NumberFormatException e) {
            throw new IOException("a malformed chunk size");
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        try {
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("the server did not answer with HTTP");
        }
    }

    private static long parseLength(String value) throws IOException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("a malformed Content-Length");
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is best effort
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
