package com.hubble.kit.reference.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class LogTextTest {
    @Test
    void leavesPrintableTextUntouched() {
        String plain = "/sso/caf\u00e9-\u0928\u092e\u0938\u094d\u0924\u0947?q=1&x=%41";
        assertSame(plain, LogText.escape(plain));
    }

    @Test
    void escapesLineBreaksEscapeSequencesAndSpacesSoNoFieldOrLineCanBeForged() {
        assertEquals("a\\x0Ab\\x0Dc\\x1B[31md\\x20outcome=accepted\\x09\\x7F\\x00",
                LogText.escape("a\nb\rc\u001b[31md outcome=accepted\t\u007f\u0000"));
    }

    @Test
    void escapesInvisibleUnicodeThatCouldHideOrReorderText() {
        assertEquals("\\x{202E}x\\x{2028}y\\x{200B}z\\xA0\\x{FEFF}",
                LogText.escape("\u202ex\u2028y\u200bz\u00a0\ufeff"));
    }

    @Test
    void doublesABackslashSoAnEscapeCannotBeWrittenByTheCaller() {
        assertEquals("\\\\x0A", LogText.escape("\\x0A"));
    }

    @Test
    void escapesAnUnpairedSurrogateButKeepsAPairedOne() {
        assertEquals("\\x{D800}|\uD83D\uDE00", LogText.escape("\uD800|\uD83D\uDE00"));
    }

    @Test
    void writesNullAsADash() {
        assertEquals("-", LogText.escape(null));
    }
}
