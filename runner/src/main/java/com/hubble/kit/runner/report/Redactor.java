package com.hubble.kit.runner.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.hubble.kit.reference.Secret;

/**
 * Knows every secret value of a run (shared secret, its variants, tokens) and finds them in text in every
 * reversible encoding a partner or a library may apply: plain, JSON/JavaScript-escaped ({@code \/},
 * {@code \\u002F}, {@code \x2f}), URL-encoded ({@code %2F}, {@code %2f}, {@code +} for a space, UTF-8 sequences),
 * HTML-escaped ({@code &#x2F;}, {@code &#47;}, {@code &amp;}, named entities), mixed within one value, and one
 * encoding inside another. Text is decoded into a canonical form that keeps a map back to the original offsets,
 * the values are found there with one Aho-Corasick pass, and the original spans are replaced: linear in the
 * text, whatever it holds.
 *
 * <p>Checks judge raw responses (a secret "test" must not turn a userId "test-user-123" into
 * "[REDACTED:secret]-user-123"); the run redacts each outcome with {@link #redact(Outcome)} before anything renders
 * it. Text is redacted whole and only then shortened ({@link #excerpt}); a text already cut by a read limit
 * ({@link #redactCut}) also loses a dangling beginning of a value at its end. {@link #echoIn} finds an echo: a
 * value of at least {@value #SUBSTRING_MATCH_MIN} characters anywhere, a shorter one only as a whole header value,
 * JSON string value or body (a short secret occurs in ordinary data by chance).
 *
 * <p>{@link #clean} turns what cannot be written as UTF-8 or shown safely (unpaired surrogates, NUL) into U+FFFD;
 * every redacting method applies it.
 */
public final class Redactor {
    public static final String PREFIX = "[REDACTED:";

    /** Values shorter than this are echoes only when they make up a whole header value, JSON string or body. */
    public static final int SUBSTRING_MATCH_MIN = 8;

    /** A text cut at a limit loses a dangling beginning of a value of at least this many characters. */
    static final int DANGLING_MIN = 4;

    /** Without a known cut, a text still loses a dangling beginning of a value this long (a cut the kit did not see). */
    static final int DANGLING_UNCUT_MIN = 12;

    private static final String SECRET_LABEL = "secret";

    private record Entry(String value, String label) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final java.util.Set<String> known = new java.util.HashSet<>();
    /**
     * The values in groups of 1, 2, 4, ... entries, each with its two automata: a run registers a token per
     * request (hundreds), and merging equal groups like a binary counter keeps the building work per value
     * logarithmic while a text is scanned by at most log2(values) automata.
     */
    private volatile List<Group> groups = List.of();

    private record Group(List<Entry> entries, Matcher exact, Matcher folded) {
        static Group of(List<Entry> entries) {
            return new Group(entries, new Matcher(entries, false), new Matcher(entries, true));
        }
    }

    /** Registers a value to redact under a label ("secret", "token", ...); empty values are ignored. */
    public synchronized Redactor add(Secret value, String label) {
        String raw = value.reveal();
        if (!raw.isEmpty() && known.add(raw)) {
            Entry entry = new Entry(raw, label);
            entries.add(entry);
            entries.sort(Comparator.comparingInt((Entry e) -> e.value.length()).reversed());
            List<Group> next = new ArrayList<>(groups);
            List<Entry> merged = new ArrayList<>(List.of(entry));
            while (!next.isEmpty() && next.get(next.size() - 1).entries.size() <= merged.size()) {
                merged.addAll(next.remove(next.size() - 1).entries);
            }
            next.add(Group.of(List.copyOf(merged)));
            groups = List.copyOf(next);
        }
        return this;
    }

    public static String marker(String label) {
        return PREFIX + label + "]";
    }

    /** The text with every registered value, in any encoding, replaced by its marker. */
    public String redact(String text) {
        return redact(text, false);
    }

    /**
     * For a text cut at a limit (a body read up to the cap): also redacts a beginning of a value left dangling at
     * the end, even inside a half-written escape ("...abc%2").
     */
    public String redactCut(String text) {
        return redact(text, true);
    }

    /** Texts up to this long are redacted whole for an excerpt; of a longer one, a head long enough for it. */
    static final int WHOLE_EXCERPT = 64 * 1024;

    /** The most characters one character of a value takes in any encoding found (a 4-byte UTF-8 character, %-encoded twice). */
    private static final int MAX_EXPANSION = 24;

    /**
     * Redacts the whole text, then keeps at most {@code max} characters: never the other way round. Of a long text
     * (the kit's own 1 MiB request bodies) only a head is redacted, one long enough that no value it could hold,
     * in any encoding, reaches from the part shown into the part not read: what is shown is what redacting the
     * whole would show; the count of characters not shown counts those after the head as they are.
     */
    public String excerpt(String text, int max) {
        if (text == null || text.length() <= WHOLE_EXCERPT) {
            return Preview.of(redact(text), max);
        }
        String cleaned = clean(text);
        List<Group> matchers = groups;
        if (matchers.isEmpty()) {
            return Preview.of(cleaned, max);
        }
        int margin;
        synchronized (this) {
            margin = entries.isEmpty() ? 0 : entries.get(0).value.length() * MAX_EXPANSION + 16;
        }
        for (long head = (long) max + 2L * margin; head < cleaned.length(); head *= 2) {
            String start = redactedStart(cleaned, (int) head, margin, max, matchers);
            if (start != null) {
                return start;
            }
        }
        return Preview.of(redact(text), max);
    }

    /**
     * The excerpt from {@code head} characters of the text when its first {@code max} redacted characters come from
     * spans ending at least {@code margin} before the head's end (no value there can differ from the whole text's),
     * else null.
     */
    private String redactedStart(String cleaned, int head, int margin, int max, List<Group> matchers) {
        String part = cleaned.substring(0, head);
        int[] reach = new int[head + 1];
        byte[] secret = new byte[head + 1];
        for (Level level : levels(part, true)) {
            for (Group group : matchers) {
                Matcher matcher = level.depth == 0 ? group.exact : group.folded;
                matcher.mark(level, DANGLING_MIN, reach, secret);
            }
        }
        int safe = head - margin;
        StringBuilder out = new StringBuilder(max + 32);
        int i = 0;
        while (i < safe && out.length() <= max) {
            if (reach[i] > i) {
                int end = reach[i];
                boolean isSecret = secret[i] != 0;
                for (int j = i + 1; j < end; j++) {
                    if (reach[j] > end) {
                        end = reach[j];
                    }
                    isSecret |= secret[j] != 0;
                }
                if (end > safe) {
                    break;
                }
                out.append(marker(isSecret ? SECRET_LABEL : labelOtherThanSecret()));
                i = end;
            } else {
                out.append(cleaned.charAt(i));
                i++;
            }
        }
        if (out.length() <= max) {
            return null;
        }
        long more = out.length() - max + (long) (cleaned.length() - i);
        return out.substring(0, max) + "… (" + more + " more characters)";
    }

    private static final ThreadLocal<Redactor> JUDGING = new ThreadLocal<>();

    /**
     * Runs a check's judgement with this redactor bound, so the text a check quotes and shortens ({@link #judged})
     * is redacted whole before it is shortened. Checks stay pure: the binding only affects how partner text is cut.
     */
    public <T> T whileJudging(java.util.function.Supplier<T> judgement) {
        Redactor previous = JUDGING.get();
        JUDGING.set(this);
        try {
            return judgement.get();
        } finally {
            JUDGING.set(previous);
        }
    }

    /** Partner text a check is about to shorten, redacted by the run's redactor when one is judging (else as is). */
    public static String judged(String text) {
        Redactor current = JUDGING.get();
        return current == null ? clean(text) : current.redact(text);
    }

    /** A redacted copy: the message, and each evidence exchange's request, response and failure text. */
    public Outcome redact(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Pass p -> new Outcome.Pass(redact(p.message()), redactAll(p.evidence()), p.measurements());
            case Outcome.Fail f -> new Outcome.Fail(redact(f.message()), redactAll(f.evidence()), f.measurements());
            case Outcome.Warn w -> new Outcome.Warn(redact(w.message()), redactAll(w.evidence()), w.measurements());
            case Outcome.Skip s -> new Outcome.Skip(redact(s.message()), s.missingInput());
            case Outcome.Error e -> new Outcome.Error(redact(e.message()), redactAll(e.evidence()));
        };
    }

    private List<Exchange> redactAll(List<Exchange> exchanges) {
        return exchanges.stream().map(this::redact).toList();
    }

    public Exchange redact(Exchange exchange) {
        RecordedRequest q = exchange.request();
        RecordedRequest request = new RecordedRequest(q.method(), redact(q.url()), redactHeaders(q.headers()),
                redact(q.body()), q.bodyBytes());
        Reply reply = switch (exchange.reply()) {
            case RecordedResponse r -> new RecordedResponse(r.status(), redactHeaders(r.headers()),
                    r.truncated() ? redactCut(r.body()) : redact(r.body()), r.truncated());
            case TransportFailure f -> new TransportFailure(f.kind(), redact(f.message()));
        };
        return new Exchange(redact(exchange.label()), request, reply, exchange.elapsed());
    }

    private List<Header> redactHeaders(List<Header> headers) {
        return headers.stream().map(h -> new Header(redact(h.name()), redact(h.value()))).toList();
    }

    /** True when a registered value is too short to be searched for inside text (see {@link #echoIn}). */
    public synchronized boolean hasShortValues() {
        return entries.stream().anyMatch(e -> e.value.length() < SUBSTRING_MATCH_MIN);
    }

    /**
     * The label ("secret", "token") and place of a registered value echoed in a response, in any encoding, if any:
     * long values anywhere in a header value or the body (in a body cut at the read limit, also a beginning of one
     * left at the cut); short ones only as a whole header value, JSON string value or body.
     */
    public Optional<String> echoIn(RecordedResponse response) {
        List<Group> matchers = groups;
        if (matchers.isEmpty()) {
            return Optional.empty();
        }
        for (Header header : response.headers()) {
            Optional<String> label = longEcho(matchers, clean(header.value()), false)
                    .or(() -> shortEcho(header.value().strip()));
            if (label.isPresent()) {
                return Optional.of(label.get() + " came back in the response header " + header.name());
            }
        }
        String body = clean(response.body());
        Optional<String> label = longEcho(matchers, body, response.truncated()).or(() -> shortEcho(body.strip()));
        if (label.isEmpty()) {
            for (String string : jsonStrings(body)) {
                label = shortEcho(string);
                if (label.isPresent()) {
                    break;
                }
            }
        }
        return label.map(l -> l + " came back in the response body");
    }

    /** A value of at least {@link #SUBSTRING_MATCH_MIN} characters anywhere, in any encoding. */
    private static Optional<String> longEcho(List<Group> matchers, String text, boolean cut) {
        for (Level level : levels(text, cut)) {
            for (Group group : matchers) {
                Matcher matcher = level.depth == 0 ? group.exact : group.folded;
                Optional<String> found = matcher.longest(level.text, SUBSTRING_MATCH_MIN, cut ? SUBSTRING_MATCH_MIN : -1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** A short value as the whole text, in any encoding. */
    private synchronized Optional<String> shortEcho(String whole) {
        if (whole.isEmpty()) {
            return Optional.empty();
        }
        String cleaned = clean(whole);
        List<String> forms = new ArrayList<>();
        forms.add(cleaned);
        for (int mode : MODES) {
            forms.add(Decoded.of(cleaned, mode).text.toString());
        }
        forms.add(Decoded.of(forms.get(1)).text.toString());
        for (Entry entry : entries) {
            if (entry.value.length() < SUBSTRING_MATCH_MIN) {
                for (int i = 0; i < forms.size(); i++) {
                    String form = forms.get(i);
                    if (i == 0 ? form.equals(entry.value) : form.strip().equals(fold(entry.value))) {
                        return Optional.of(entry.label);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The smallest run of token characters taken for a token by {@link #redactTokenShaped}. */
    static final int TOKEN_SHAPED_MIN = 16;

    /**
     * Text the kit did not register but that may hold a credential (a failing token command's own error line):
     * every run of at least {@value #TOKEN_SHAPED_MIN} characters of a token's alphabet (letters, digits,
     * {@code . _ ~ + / = -}) that holds both a letter and a digit (a JWT, an opaque or base64 token) becomes
     * {@code [REDACTED:token-shaped]}; words, paths and host names stay readable. One pass, linear.
     */
    public static String redactTokenShaped(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!tokenChar(text.charAt(i))) {
                out.append(text.charAt(i));
                i++;
                continue;
            }
            int start = i;
            boolean letter = false;
            boolean digit = false;
            while (i < n && tokenChar(text.charAt(i))) {
                char c = text.charAt(i);
                letter |= Character.isLetter(c);
                digit |= Character.isDigit(c);
                i++;
            }
            if (i - start >= TOKEN_SHAPED_MIN && letter && digit) {
                out.append(marker("token-shaped"));
            } else {
                out.append(text, start, i);
            }
        }
        return out.toString();
    }

    private static boolean tokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || ".-_~+/=".indexOf(c) >= 0);
    }

    /**
     * Unpaired surrogates and NUL become U+FFFD: they cannot be encoded as UTF-8 (the reports could not be written)
     * or end C strings downstream. Invalid UTF-8 from a partner already decodes to U+FFFD.
     */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean bad;
            if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= n || !Character.isLowSurrogate(text.charAt(i + 1));
                if (!bad) {
                    if (out != null) {
                        out.append(c).append(text.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c) || c == 0;
            }
            if (bad && out == null) {
                out = new StringBuilder(n).append(text, 0, i);
            }
            if (out != null) {
                out.append(bad ? '\uFFFD' : c);
            }
        }
        return out == null ? text : out.toString();
    }

    private String redact(String text, boolean cut) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String cleaned = clean(text);
        List<Group> matchers = groups;
        if (matchers.isEmpty()) {
            return cleaned;
        }
        int n = cleaned.length();
        int[] reach = new int[n + 1];
        byte[] secret = new byte[n + 1];
        boolean any = false;
        for (Level level : levels(cleaned, cut)) {
            for (Group group : matchers) {
                Matcher matcher = level.depth == 0 ? group.exact : group.folded;
                any |= matcher.mark(level, cut ? DANGLING_MIN : DANGLING_UNCUT_MIN, reach, secret);
            }
        }
        if (!any) {
            return cleaned;
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (reach[i] > i) {
                int end = reach[i];
                boolean isSecret = secret[i] != 0;
                for (int j = i + 1; j < end; j++) {
                    if (reach[j] > end) {
                        end = reach[j];
                    }
                    isSecret |= secret[j] != 0;
                }
                out.append(marker(isSecret ? SECRET_LABEL : labelOtherThanSecret()));
                i = end;
            } else {
                out.append(cleaned.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /** The label of the non-secret values (tokens); "token" when none other is registered. */
    private synchronized String labelOtherThanSecret() {
        return entries.stream().map(Entry::label).filter(l -> !l.equals(SECRET_LABEL)).findFirst().orElse("token");
    }

    /**
     * The text as it came (depth 0) and its decodings (depth 1 and 2), each with its map back to the original
     * offsets. A cut text drops a half-written escape at its end before decoding. Decoding is ambiguous where an
     * escape starts before a value and ends inside it ({@code \\tokenvalue} reads as a tab and "okenvalue"), or
     * where a value holds escape-like text that another encoding wrapped ({@code &amp;e\\/4} is "&e\\/4" to HTML,
     * "&e/4" to the mixed decoder): so besides the mixed decoding (once, and twice for one encoding inside
     * another), the text is decoded by each family alone and once with the letter escapes of JSON
     * ({@code \\b \\f \\n \\r \\t \\u \\x}) left as they are. A fixed number of linear passes.
     * A text without any escape character decodes to itself (with '+' read as ' ') in every one of these ways, so
     * it is searched as it came and once decoded: the same matches in a quarter of the passes (a 1 MiB request body
     * of the kit's own took a third of a second).
     */
    private static List<Level> levels(String text, boolean cut) {
        int end = cut ? text.length() - partialEscapeLength(text) : text.length();
        int[] from0 = new int[end];
        int[] to0 = new int[end];
        for (int i = 0; i < end; i++) {
            from0[i] = i;
            to0[i] = i + 1;
        }
        Level plain = new Level(0, text.substring(0, end), from0, to0, text.length());
        List<Level> levels = new ArrayList<>();
        levels.add(plain);
        if (!hasEscapeCharacter(plain.text)) {
            Decoded once = Decoded.of(plain.text, MIXED);
            levels.add(new Level(1, once.text.toString(), once.from, once.to, text.length()));
            return levels;
        }
        Level first = null;
        for (int mode : MODES) {
            Decoded once = Decoded.of(plain.text, mode);
            Level level = new Level(1, once.text.toString(), once.from, once.to, text.length());
            levels.add(level);
            if (first == null) {
                first = level;
            }
        }
        Decoded twice = Decoded.of(first.text, MIXED);
        int[] from2 = new int[twice.text.length()];
        int[] to2 = new int[twice.text.length()];
        for (int i = 0; i < from2.length; i++) {
            from2[i] = first.from[twice.from[i]];
            to2[i] = first.to[twice.to[i] - 1];
        }
        levels.add(new Level(2, twice.text.toString(), from2, to2, text.length()));
        return levels;
    }

    /** Whether any of the three escape families could start in the text. */
    private static boolean hasEscapeCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '&') {
                return true;
            }
        }
        return false;
    }

    private static final int JSON = 1;
    private static final int URL = 2;
    private static final int HTML = 4;
    /** The one-letter JSON escapes stay as they are (a backslash just before a value starting b f n r t). */
    private static final int SHORT_ESCAPES_RAW = 8;
    /** Every JSON escape introduced by a letter stays as it is (also a value starting u or x). */
    private static final int LETTER_ESCAPES_RAW = 16;
    private static final int MIXED = JSON | URL | HTML;
    /** The single decodings, the mixed one first (it is decoded again for one encoding inside another). */
    private static final int[] MODES = {MIXED, MIXED | SHORT_ESCAPES_RAW, MIXED | LETTER_ESCAPES_RAW, JSON, URL, HTML};

    /** The length of a half-written escape at the end of a text ("\\u00", "%2", "&#x2", "&am"), else 0. */
    static int partialEscapeLength(String text) {
        int n = text.length();
        for (int start = Math.max(0, n - 9); start < n; start++) {
            char c = text.charAt(start);
            String tail = text.substring(start + 1);
            boolean partial = switch (c) {
                case '\\' -> tail.isEmpty() || tail.matches("u[0-9A-Fa-f]{0,3}|x[0-9A-Fa-f]?");
                case '%' -> tail.matches("[0-9A-Fa-f]?");
                case '&' -> tail.matches("#?|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{0,6}|[A-Za-z]{1,8}");
                default -> false;
            };
            if (partial) {
                return n - start;
            }
        }
        return 0;
    }

    /** The JDK's '+' and ' ' are one character after URL decoding: both sides fold '+' to ' '. */
    static String fold(String value) {
        return value.replace('+', ' ');
    }

    /** One form of a text: canonical characters, each with the original span [from, to) it came from. */
    private record Level(int depth, String text, int[] from, int[] to, int originalLength) {
    }

    /** One decoding pass: every escape of the three families becomes the character it stands for. */
    private static final class Decoded {
        final StringBuilder text;
        int[] from;
        int[] to;
        private int size;

        private Decoded(int capacity) {
            text = new StringBuilder(capacity);
            from = new int[Math.max(capacity, 1)];
            to = new int[Math.max(capacity, 1)];
        }

        private void put(int codePoint, int start, int end) {
            char[] chars = Character.toChars(codePoint);
            for (char c : chars) {
                if (size == from.length) {
                    from = java.util.Arrays.copyOf(from, size * 2);
                    to = java.util.Arrays.copyOf(to, size * 2);
                }
                text.append(c == '+' ? ' ' : c);
                from[size] = start;
                to[size] = end;
                size++;
            }
        }

        static Decoded of(String s) {
            return of(s, MIXED);
        }

        /** Decodes the escape families in {@code mode} ({@link #JSON}, {@link #URL}, {@link #HTML}). */
        static Decoded of(String s, int mode) {
            Decoded d = new Decoded(s.length());
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                int consumed = switch (c) {
                    case '\\' -> (mode & JSON) == 0 ? 0 : d.backslash(s, i, mode);
                    case '%' -> (mode & URL) == 0 ? 0 : d.percent(s, i);
                    case '&' -> (mode & HTML) == 0 ? 0 : d.entity(s, i);
                    default -> 0;
                };
                if (consumed == 0) {
                    d.put(c, i, i + 1);
                    consumed = 1;
                }
                i += consumed;
            }
            d.from = java.util.Arrays.copyOf(d.from, d.size);
            d.to = java.util.Arrays.copyOf(d.to, d.size);
            return d;
        }

        private int backslash(String s, int i, int mode) {
            if (i + 1 >= s.length()) {
                return 0;
            }
            char e = s.charAt(i + 1);
            boolean letter = e < 128 && Character.isLetter(e);
            if ((mode & LETTER_ESCAPES_RAW) != 0 && letter || (mode & SHORT_ESCAPES_RAW) != 0 && letter && e != 'u' && e != 'x') {
                return 0;
            }
            switch (e) {
                case 'u' -> {
                    int v = hex(s, i + 2, 4);
                    if (v >= 0) {
                        put(v, i, i + 6);
                        return 6;
                    }
                    return 0;
                }
                case 'x' -> {
                    int v = hex(s, i + 2, 2);
                    if (v >= 0) {
                        put(v, i, i + 4);
                        return 4;
                    }
                    return 0;
                }
                case '/', '"', '\\', '\'' -> put(e, i, i + 2);
                case 'b' -> put('\b', i, i + 2);
                case 'f' -> put('\f', i, i + 2);
                case 'n' -> put('\n', i, i + 2);
                case 'r' -> put('\r', i, i + 2);
                case 't' -> put('\t', i, i + 2);
                default -> {
                    return 0;
                }
            }
            return 2;
        }

        /** %XX, and a run of %XX that is one UTF-8 sequence. */
        private int percent(String s, int i) {
            int lead = hex(s, i + 1, 2);
            if (lead < 0) {
                return 0;
            }
            if (lead < 0x80) {
                put(lead, i, i + 3);
                return 3;
            }
            int length = lead >= 0xF0 && lead < 0xF5 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
            if (length == 0 || lead >= 0xF5) {
                return 0;
            }
            int codePoint = lead & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int at = i + 3 * k;
                if (at >= s.length() || s.charAt(at) != '%') {
                    return 0;
                }
                int next = hex(s, at + 1, 2);
                if (next < 0x80 || next > 0xBF) {
                    return 0;
                }
                codePoint = (codePoint << 6) | (next & 0x3F);
            }
            if (codePoint > Character.MAX_CODE_POINT || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return 0;
            }
            put(codePoint, i, i + 3 * length);
            return 3 * length;
        }

        /** &#xHH; &#DD; (the ';' optional, as browsers read them) and the named entities of ASCII characters. */
        private int entity(String s, int i) {
            int n = s.length();
            if (i + 2 < n && s.charAt(i + 1) == '#') {
                boolean hexForm = s.charAt(i + 2) == 'x' || s.charAt(i + 2) == 'X';
                int start = i + (hexForm ? 3 : 2);
                int j = start;
                long value = 0;
                while (j < n && j - start < 8) {
                    int digit = Character.digit(s.charAt(j), hexForm ? 16 : 10);
                    if (digit < 0) {
                        break;
                    }
                    value = value * (hexForm ? 16 : 10) + digit;
                    j++;
                }
                if (j == start || value > Character.MAX_CODE_POINT || (value >= 0xD800 && value <= 0xDFFF)) {
                    return 0;
                }
                int end = j < n && s.charAt(j) == ';' ? j + 1 : j;
                put((int) value, i, end);
                return end - i;
            }
            int j = i + 1;
            while (j < n && j - i <= 10 && Character.isLetter(s.charAt(j)) && s.charAt(j) < 128) {
                j++;
            }
            if (j < n && s.charAt(j) == ';' && j > i + 1) {
                int value = Entities.of(s.substring(i + 1, j));
                if (value >= 0) {
                    put(value, i, j + 1);
                    return j + 1 - i;
                }
            }
            return 0;
        }

        /** {@code digits} hex digits at {@code at}, or -1. */
        private static int hex(String s, int at, int digits) {
            if (at + digits > s.length()) {
                return -1;
            }
            int value = 0;
            for (int k = 0; k < digits; k++) {
                int digit = Character.digit(s.charAt(at + k), 16);
                if (digit < 0) {
                    return -1;
                }
                value = value * 16 + digit;
            }
            return value;
        }
    }

    /** HTML named character references of the printable ASCII characters (HTML5 names, and the classic upper-case ones). */
    private static final class Entities {
        private static final java.util.Map<String, Integer> NAMES = java.util.Map.ofEntries(
                java.util.Map.entry("amp", (int) '&'), java.util.Map.entry("AMP", (int) '&'),
                java.util.Map.entry("lt", (int) '<'), java.util.Map.entry("LT", (int) '<'),
                java.util.Map.entry("gt", (int) '>'), java.util.Map.entry("GT", (int) '>'),
                java.util.Map.entry("quot", (int) '"'), java.util.Map.entry("QUOT", (int) '"'),
                java.util.Map.entry("apos", (int) '\''), java.util.Map.entry("nbsp", 0xA0),
                java.util.Map.entry("excl", (int) '!'), java.util.Map.entry("num", (int) '#'),
                java.util.Map.entry("dollar", (int) '$'), java.util.Map.entry("percnt", (int) '%'),
                java.util.Map.entry("lpar", (int) '('), java.util.Map.entry("rpar", (int) ')'),
                java.util.Map.entry("ast", (int) '*'), java.util.Map.entry("midast", (int) '*'),
                java.util.Map.entry("plus", (int) '+'), java.util.Map.entry("comma", (int) ','),
                java.util.Map.entry("period", (int) '.'), java.util.Map.entry("sol", (int) '/'),
                java.util.Map.entry("colon", (int) ':'), java.util.Map.entry("semi", (int) ';'),
                java.util.Map.entry("equals", (int) '='), java.util.Map.entry("quest", (int) '?'),
                java.util.Map.entry("commat", (int) '@'), java.util.Map.entry("lsqb", (int) '['),
                java.util.Map.entry("lbrack", (int) '['), java.util.Map.entry("bsol", (int) '\\'),
                java.util.Map.entry("rsqb", (int) ']'), java.util.Map.entry("rbrack", (int) ']'),
                java.util.Map.entry("Hat", (int) '^'), java.util.Map.entry("lowbar", (int) '_'),
                java.util.Map.entry("UnderBar", (int) '_'), java.util.Map.entry("grave", (int) '`'),
                java.util.Map.entry("DiacriticalGrave", (int) '`'), java.util.Map.entry("lcub", (int) '{'),
                java.util.Map.entry("lbrace", (int) '{'), java.util.Map.entry("verbar", (int) '|'),
                java.util.Map.entry("vert", (int) '|'), java.util.Map.entry("VerticalLine", (int) '|'),
                java.util.Map.entry("rcub", (int) '}'), java.util.Map.entry("rbrace", (int) '}'),
                java.util.Map.entry("tilde", (int) '~'), java.util.Map.entry("Tab", (int) '\t'),
                java.util.Map.entry("NewLine", (int) '\n'), java.util.Map.entry("hyphen", (int) '-'),
                java.util.Map.entry("dash", (int) '-'));

        static int of(String name) {
            return NAMES.getOrDefault(name, -1);
        }
    }

    /**
     * Aho-Corasick over a group of values (exact, or with '+' folded to ' ' for decoded text): finds every value
     * in one pass over the text, whatever the text holds. Nodes are arrays, edges one open-addressing table.
     */
    private static final class Matcher {
        private final Edges edges;
        private final int[] fail;
        private final int[] depth;
        /** Length of the longest value ending at this node (itself or through its failure chain), 0 for none. */
        private final int[] out;
        private final boolean[] outSecret;
        private final String[] outLabel;
        /** Whether a secret (not only a token) passes through this node, for the label of a dangling beginning. */
        private final boolean[] throughSecret;

        Matcher(List<Entry> entries, boolean foldPlus) {
            int capacity = 1;
            for (Entry entry : entries) {
                capacity += entry.value.length();
            }
            edges = new Edges(capacity);
            fail = new int[capacity];
            depth = new int[capacity];
            out = new int[capacity];
            outSecret = new boolean[capacity];
            outLabel = new String[capacity];
            throughSecret = new boolean[capacity];
            int size = 1;
            for (Entry entry : entries) {
                String value = foldPlus ? fold(entry.value) : entry.value;
                boolean isSecret = entry.label.equals(SECRET_LABEL);
                int state = 0;
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    int target = edges.get(state, c);
                    if (target < 0) {
                        target = size++;
                        depth[target] = depth[state] + 1;
                        edges.put(state, c, target);
                    }
                    state = target;
                    throughSecret[state] |= isSecret;
                }
                if (value.length() > out[state] || (value.length() == out[state] && isSecret)) {
                    out[state] = value.length();
                    outSecret[state] = isSecret;
                    outLabel[state] = entry.label;
                }
            }
            // Breadth-first over the nodes: failure links, and each node's longest output through its failure chain.
            int[] queue = new int[size];
            int head = 0;
            int tail = 0;
            int[][] children = edges.childrenBy(size);
            for (int child : children[0]) {
                fail[child] = 0;
                queue[tail++] = child;
            }
            while (head < tail) {
                int state = queue[head++];
                int f = fail[state];
                if (out[state] == 0 && out[f] > 0) {
                    out[state] = out[f];
                    outSecret[state] = outSecret[f];
                    outLabel[state] = outLabel[f];
                }
                for (int child : children[state]) {
                    char c = edges.label(child);
                    int g = f;
                    int target = edges.get(g, c);
                    while (target < 0 && g != 0) {
                        g = fail[g];
                        target = edges.get(g, c);
                    }
                    fail[child] = target >= 0 && target != child ? target : 0;
                    queue[tail++] = child;
                }
            }
        }

        private int step(int state, char c) {
            while (true) {
                int target = edges.get(state, c);
                if (target >= 0) {
                    return target;
                }
                if (state == 0) {
                    return 0;
                }
                state = fail[state];
            }
        }

        /**
         * Marks each found value's original span in {@code reach} (reach[start] = furthest end) and {@code secret};
         * a beginning of a value of at least {@code danglingMin} characters at the end of the text counts too.
         */
        boolean mark(Level level, int danglingMin, int[] reach, byte[] secret) {
            String text = level.text;
            int state = 0;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                state = step(state, text.charAt(i));
                int length = out[state];
                if (length > 0) {
                    int start = level.from[i - length + 1];
                    int end = level.to[i];
                    reach[start] = Math.max(reach[start], end);
                    secret[start] |= (byte) (outSecret[state] ? 1 : 0);
                    any = true;
                }
            }
            int dangling = depth[state];
            if (dangling >= danglingMin && dangling > 0) {
                int start = level.from[text.length() - dangling];
                reach[start] = Math.max(reach[start], level.originalLength);
                secret[start] |= (byte) (throughSecret[state] ? 1 : 0);
                any = true;
            }
            return any;
        }

        /**
         * The label of a value of at least {@code minLength} characters in the text, or of a beginning of one of at
         * least {@code danglingMin} characters left at its end (negative: not looked for).
         */
        Optional<String> longest(String text, int minLength, int danglingMin) {
            int state = 0;
            for (int i = 0; i < text.length(); i++) {
                state = step(state, text.charAt(i));
                if (out[state] >= minLength) {
                    return Optional.of(outLabel[state]);
                }
            }
            if (danglingMin >= 0 && depth[state] >= danglingMin) {
                return Optional.of(throughSecret[state] ? SECRET_LABEL : "token");
            }
            return Optional.empty();
        }
    }

    /** The trie's edges (node, character) -> node in one open-addressing table of longs. */
    private static final class Edges {
        private final long[] keys;
        private final int[] values;
        private final char[] labelOf;
        private final int[] parentOf;
        private final int mask;

        Edges(int nodes) {
            int size = Integer.highestOneBit(Math.max(4, nodes * 2 - 1)) << 1;
            keys = new long[size];
            values = new int[size];
            java.util.Arrays.fill(keys, -1L);
            mask = size - 1;
            labelOf = new char[nodes];
            parentOf = new int[nodes];
        }

        private int slot(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 40) & mask;
        }

        int get(int node, char c) {
            long key = ((long) node << 16) | c;
            for (int i = slot(key); ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return values[i];
                }
                if (keys[i] == -1L) {
                    return -1;
                }
            }
        }

        void put(int node, char c, int target) {
            long key = ((long) node << 16) | c;
            int i = slot(key);
            while (keys[i] != -1L) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = target;
            labelOf[target] = c;
            parentOf[target] = node;
        }

        char label(int node) {
            return labelOf[node];
        }

        /** Each node's children, for the breadth-first pass. */
        int[][] childrenBy(int nodes) {
            int[] count = new int[nodes];
            for (int child = 1; child < nodes; child++) {
                count[parentOf[child]]++;
            }
            int[][] children = new int[nodes][];
            for (int node = 0; node < nodes; node++) {
                children[node] = new int[count[node]];
                count[node] = 0;
            }
            for (int child = 1; child < nodes; child++) {
                int parent = parentOf[child];
                children[parent][count[parent]++] = child;
            }
            return children;
        }
    }

    /** Loaded on first use: every run creates a Redactor, and --help must not load Jackson (StartupTest). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private static List<String> jsonStrings(String body) {
        List<String> strings = new ArrayList<>();
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            if (root != null) {
                collect(root, strings);
            }
        } catch (Exception notJson) {
            // Not JSON: only the whole body counts for a short value.
        }
        return strings;
    }

    private static void collect(JsonNode node, List<String> strings) {
        if (node.isTextual()) {
            strings.add(node.asText());
        }
        node.fieldNames().forEachRemaining(strings::add);
        node.elements().forEachRemaining(child -> collect(child, strings));
    }
}
