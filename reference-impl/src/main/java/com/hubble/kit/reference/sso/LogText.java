package com.hubble.kit.reference.sso;

/**
 * Makes a caller-supplied value safe to write inside one {@code key=value} log line: every character that could
 * end the line, start a terminal escape sequence, hide text or split a field becomes a visible escape.
 */
final class LogText {
    private LogText() {
    }

    /**
     * {@code \n}, {@code \r}, ESC, other control and format characters (bidi overrides included), line and
     * paragraph separators, spaces, unpaired surrogates and unassigned code points become {@code \xHH} or
     * {@code \x{H...}}; a backslash is doubled so that an escape cannot be forged. Printable characters stay as
     * they are. {@code null} is {@code -}.
     */
    static String escape(String value) {
        if (value == null) {
            return "-";
        }
        StringBuilder out = null;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int width = Character.charCount(cp);
            String replacement = cp == '\\' ? "\\\\" : needsEscape(cp) ? escaped(cp) : null;
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.appendCodePoint(cp);
                }
            }
            i += width;
        }
        return out == null ? value : out.toString();
    }

    private static boolean needsEscape(int cp) {
        if (cp >= 0x21 && cp <= 0x7e) {
            return false;
        }
        if (cp < 0x80) {
            return true; // ASCII controls, space and DEL
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                 Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> true;
            default -> false;
        };
    }

    private static String escaped(int cp) {
        return cp <= 0xff ? String.format("\\x%02X", cp) : String.format("\\x{%X}", cp);
    }
}
