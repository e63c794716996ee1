package com.hubble.kit.runner.sso.probe;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Asks a server whether it would speak TLS 1.0 or 1.1: sends a ClientHello offering only that version (written
 * here, byte by byte, RFC 2246 / RFC 4346) and reads the version the ServerHello picks. No handshake is completed
 * and JSSE is not used, so the kit never relaxes the JVM's TLS policy ({@code jdk.tls.disabledAlgorithms}): every
 * other connection of the process, Pact's client and {@code serve} included, keeps the JDK's defaults.
 */
public final class LegacyHello {
    /** Cipher suites the TLS 1.0/1.1 era offered (ECDHE, DHE and RSA with AES-CBC or 3DES, SHA-1 MACs). */
    private static final int[] CIPHER_SUITES = {
            0xC014, 0xC00A, 0xC013, 0xC009, // ECDHE_RSA / ECDHE_ECDSA with AES_256/128_CBC_SHA
            0x0039, 0x0033, // DHE_RSA with AES_256/128_CBC_SHA
            0x0035, 0x002F, // RSA with AES_256/128_CBC_SHA
            0xC012, 0x0016, 0x000A, // 3DES_EDE_CBC_SHA with ECDHE_RSA, DHE_RSA, RSA
            0x00FF // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
    };
    private static final int[] NAMED_GROUPS = {0x001D, 0x0017, 0x0018, 0x0019}; // x25519, secp256r1/384r1/521r1
    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    private static final int SERVER_HELLO = 2;
    private static final int MAX_RECORD = 16384 + 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A TLS protocol version this class can offer. */
    public enum Version {
        TLS_1_0(1), TLS_1_1(2);

        private final int minor;

        Version(int minor) {
            this.minor = minor;
        }
    }

    private LegacyHello() {
    }

    /**
     * ACCEPTED when the server's ServerHello picks {@code version}; REFUSED when it answers with an alert, with another
     * version or with anything that is not TLS, or closes, resets or stays silent until the timeout.
     */
    public static TlsFacts.Legacy offer(String host, int port, int timeoutMillis, Version version) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(host, version));
            out.flush();
            int chosen = serverHelloVersion(new DataInputStream(socket.getInputStream()));
            return chosen == (0x0300 | version.minor) ? TlsFacts.Legacy.ACCEPTED : TlsFacts.Legacy.REFUSED;
        } catch (IllegalArgumentException e) {
            return TlsFacts.Legacy.UNTESTABLE; // no usable address: nothing was asked
        } catch (IOException e) {
            return TlsFacts.Legacy.REFUSED; // closed, reset, silent, or not TLS: it did not agree to the version
        }
    }

    /** The record bytes of a ClientHello offering exactly {@code version}. */
    static byte[] clientHello(String host, Version version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(3);
        body.write(version.minor);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        body.writeBytes(random);
        body.write(0); // no session id
        putShort(body, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            putShort(body, suite);
        }
        body.write(1); // one compression method: null
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        if (TlsProbe.sendsServerName(host)) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            putShort(extensions, 0x0000); // server_name
            putShort(extensions, name.length + 5);
            putShort(extensions, name.length + 3);
            extensions.write(0); // host_name
            putShort(extensions, name.length);
            extensions.writeBytes(name);
        }
        putShort(extensions, 0x000A); // supported_groups, for the ECDHE suites
        putShort(extensions, NAMED_GROUPS.length * 2 + 2);
        putShort(extensions, NAMED_GROUPS.length * 2);
        for (int group : NAMED_GROUPS) {
            putShort(extensions, group);
        }
        putShort(extensions, 0x000B); // ec_point_formats: uncompressed
        putShort(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        putShort(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(HANDSHAKE);
        record.write(3);
        record.write(1); // record-layer version of a first ClientHello: TLS 1.0, as clients send it
        putShort(record, body.size() + 4);
        record.write(1); // client_hello
        record.write(0);
        putShort(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    /** Reads handshake records until the ServerHello's version field; any other answer is an IOException. */
    static int serverHelloVersion(DataInputStream in) throws IOException {
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        while (handshake.size() < 6) {
            int type = in.readUnsignedByte();
            in.readUnsignedShort(); // record version: what matters is the ServerHello's own field
            int length = in.readUnsignedShort();
            if (type == ALERT) {
                throw new EOFException("the server answered with an alert");
            }
            if (type != HANDSHAKE || length == 0 || length > MAX_RECORD) {
                throw new IOException("the server's answer is not a TLS handshake record");
            }
            byte[] fragment = new byte[length];
            in.readFully(fragment);
            handshake.writeBytes(fragment);
        }
        byte[] head = handshake.toByteArray();
        if (head[0] != SERVER_HELLO) {
            throw new IOException("the server's first handshake message is not a ServerHello");
        }
        return ((head[4] & 0xFF) << 8) | (head[5] & 0xFF);
    }

    private static void putShort(ByteArrayOutputStream out, int value) {
        out.write((value >>> 8) & 0xFF);
        out.write(value & 0xFF);
    }
}
