package com.hubble.kit.runner.sso.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The hand-written ClientHello and the reading of the server's answer (the live handshakes are in TlsTargetTest). */
class LegacyHelloTest {

    private static DataInputStream bytes(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return new DataInputStream(new ByteArrayInputStream(data));
    }

    @Test
    void theClientHelloOffersExactlyTheAskedVersionAndItsLengthsAddUp() {
        ByteBuffer hello = ByteBuffer.wrap(LegacyHello.clientHello("sso.partner.example", LegacyHello.Version.TLS_1_1));
        assertEquals(22, hello.get()); // handshake record
        assertEquals(0x0301, hello.getShort());
        int recordLength = hello.getShort() & 0xFFFF;
        assertEquals(hello.remaining(), recordLength);
        assertEquals(1, hello.get()); // client_hello
        int bodyLength = ((hello.get() & 0xFF) << 16) | (hello.getShort() & 0xFFFF);
        assertEquals(hello.remaining(), bodyLength);
        assertEquals(0x0302, hello.getShort()); // TLS 1.1 and nothing newer
        String text = new String(hello.array(), StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains("sso.partner.example"), "SNI names a DNS host");
    }

    @Test
    void anIpTargetGetsNoServerName() {
        String text = new String(LegacyHello.clientHello("127.0.0.1", LegacyHello.Version.TLS_1_0), StandardCharsets.ISO_8859_1);
        assertEquals(false, text.contains("127.0.0.1"));
    }

    @Test
    void readsTheVersionOfAServerHelloSplitOverTwoRecords() throws IOException {
        assertEquals(0x0301, LegacyHello.serverHelloVersion(bytes(
                22, 3, 1, 0, 3, 2, 0, 0,
                22, 3, 1, 0, 3, 70, 3, 1)));
    }

    @Test
    void anAlertIsARefusal() {
        assertThrows(IOException.class, () -> LegacyHello.serverHelloVersion(bytes(21, 3, 1, 0, 2, 2, 70)));
    }

    @Test
    void anAnswerThatIsNotTlsIsARefusal() {
        DataInputStream http = new DataInputStream(new ByteArrayInputStream(
                "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IOException.class, () -> LegacyHello.serverHelloVersion(http));
    }

    @Test
    void aFirstHandshakeMessageOtherThanServerHelloIsARefusal() {
        assertThrows(IOException.class, () -> LegacyHello.serverHelloVersion(bytes(22, 3, 1, 0, 6, 11, 0, 0, 2, 3, 1)));
    }

    @Test
    void aSilentOrClosingServerIsARefusal() {
        assertThrows(IOException.class, () -> LegacyHello.serverHelloVersion(bytes(22, 3, 1, 0, 40, 2)));
    }
}
