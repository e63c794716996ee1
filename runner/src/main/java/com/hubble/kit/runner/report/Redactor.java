package com.hubble.kit.runner.report;

import java.nio.charset.StandardCharsets;

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
    /** Runs of the values long enough to redact, and to count as an echo, wherever they appear (see {@link Fragments}). */
    private final Fragments fragments = new Fragments();
    private final java.util.Set<String> known = new java.util.HashSet<>();
    /**
     * The values in groups of 1, 2, 4, ... entries, each with its two automata: a run registers a token per
     * request (hundreds), and merging equal groups like a binary counter keeps the building work per value
     * logarithmic while a text is scanned by at most log2(values) automata.
     */
    private volatile List<Group> groups = List.of();
    /** Whether a value shorter than {@link #SUBSTRING_MATCH_MIN} is registered (its encodings count as whole runs). */
    private volatile boolean shortValues;
    /** Whether a value holds a non-ASCII character (decoded base64 and hex bytes are then read as UTF-8). */
    private volatile boolean nonAscii;

    private record Group(List<Entry> entries, Matcher exact, Matcher folded, Matcher inner) {
        static Group of(List<Entry> entries) {
            List<Pattern> exact = new ArrayList<>();
            List<Pattern> folded = new ArrayList<>();
            List<Pattern> inner = new ArrayList<>();
            for (Entry entry : entries) {
                boolean isSecret = entry.label.equals(SECRET_LABEL);
                exact.add(new Pattern(entry.value, entry.label, isSecret, 0, 0));
                folded.add(new Pattern(fold(entry.value), entry.label, isSecret, 0, 0));
                String behind = afterBackslash(entry.value);
                if (behind != null) {
                    folded.add(new Pattern(fold(behind), entry.label, isSecret, 0, 0));
                }
                for (int k : swallowable(entry.value)) {
                    folded.add(new Pattern(fold(entry.value.substring(k)), entry.label, isSecret, 1, 0));
                }
                if (entry.value.length() >= SUBSTRING_MATCH_MIN) {
                    // In decoded base64 a value's first and last byte share characters with what is around it: a
                    // partner's text may differ there, the characters that hold only the value's bits stay.
                    String value = entry.value;
                    inner.add(new Pattern(value.substring(value.offsetByCodePoints(0, 1),
                            value.offsetByCodePoints(value.length(), -1)), entry.label, isSecret, 1, 1));
                }
            }
            return new Group(entries, new Matcher(exact), new Matcher(folded), new Matcher(inner));
        }
    }

    /**
     * One string an automaton looks for, and whose value it stands for; a match also takes the {@code back}
     * decoded characters before it and the {@code ahead} after it (0 or 1): for a value's rest after an escape begun
     * just before it swallowed its first characters, that escape; for a value's inner bytes in decoded base64, the
     * bytes that share characters with the text around.
     */
    private record Pattern(String text, String label, boolean isSecret, int back, int ahead) {
    }

    /**
     * How many first characters of a value an escape begun just before it may swallow, for the rests worth looking
     * for (at least {@value #SUBSTRING_MATCH_MIN} characters): a partner writes "&#x2" or "%" or "\\u00" before the
     * value and a decoder reads the value's leading digits into that escape ({@code &#x2} + {@code 7/ab...} is an
     * apostrophe and "/ab..."); an entity name's end and its ';' ({@code &am} + {@code p;...}); or any one character
     * ({@code \} + {@code n...}). A fixed, small number of extra strings per value.
     */
    /** The shortest rest of a value after an escape swallowed its start that is searched for. */
    static final int SWALLOWED_REST_MIN = 3;

    static java.util.SortedSet<Integer> swallowable(String value) {
        java.util.SortedSet<Integer> counts = new java.util.TreeSet<>();
        counts.add(1);
        int hexDigits = 0;
        while (hexDigits < Math.min(8, value.length()) && Character.digit(value.charAt(hexDigits), 16) >= 0
                && value.charAt(hexDigits) < 128) {
            hexDigits++;
            counts.add(hexDigits);
            if (hexDigits < value.length() && value.charAt(hexDigits) == ';') {
                counts.add(hexDigits + 1);
            }
        }
        int letters = 0;
        while (letters < Math.min(10, value.length()) && value.charAt(letters) < 128
                && Character.isLetter(value.charAt(letters))) {
            letters++;
        }
        if (letters > 0 && letters < value.length() && value.charAt(letters) == ';') {
            counts.add(letters + 1);
        }
        // a rest counts only right after a decoded escape (see Matcher.mark); 3 characters keep it from being noise
        counts.removeIf(k -> value.length() - k < SWALLOWED_REST_MIN);
        return counts;
    }

    /**
     * The value as a decoder reads it with a backslash just before it, when its first letters make a JSON escape
     * ({@code \u0041bc/} decodes to "Abc/"): matched in the decoded texts, this finds such an echo whatever encodes
     * its other characters ({@code \u0041bc\u002F}), which no single reading of the text can (the first escape
     * must stay raw, the later ones decoded). Null when the value starts no escape.
     */
    static String afterBackslash(String value) {
        if (value.isEmpty()) {
            return null;
        }
        char first = value.charAt(0);
        int control = "bfnrt".indexOf(first);
        if (control >= 0) {
            return "\b\f\n\r\t".charAt(control) + value.substring(1);
        }
        int digits = first == 'u' ? 4 : first == 'x' ? 2 : 0;
        if (digits > 0 && value.length() > digits) {
            int code = Decoded.hex(value, 1, digits);
            if (code >= 0) {
                return (char) code + value.substring(1 + digits);
            }
        }
        return null;
    }

    /** Registers a value to redact under a label ("secret", "token", ...); empty values are ignored. */
    public synchronized Redactor add(Secret value, String label) {
        String raw = value.reveal();
        if (!raw.isEmpty() && known.add(raw)) {
            Entry entry = new Entry(raw, label);
            entries.add(entry);
            fragments.add(raw, label.equals(SECRET_LABEL));
            shortValues |= raw.length() < SUBSTRING_MATCH_MIN;
            nonAscii |= !raw.chars().allMatch(c -> c < 0x80);
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

    /**
     * Whether {@code text} (at least {@link #SUBSTRING_MATCH_MIN} characters) is a piece of a registered value, plain,
     * hex (either case) or base64 (either alphabet, any alignment, the characters holding only the value's bits): for
     * a short name a partner chose (a process name cut to 15 characters), which can hold a value's beginning but
     * never enough of it for {@link #redact}.
     */
    public synchronized boolean fragmentOf(String text) {
        if (text == null || text.length() < SUBSTRING_MATCH_MIN) {
            return false;
        }
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (Entry entry : entries) {
            byte[] bytes = entry.value.getBytes(StandardCharsets.UTF_8);
            if (entry.value.contains(text) || java.util.HexFormat.of().formatHex(bytes).contains(lower)) {
                return true;
            }
            for (String core : Secret.of(entry.value).base64Cores()) {
                if (core.contains(text)) {
                    return true;
                }
            }
        }
        return false;
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

    /**
     * More characters than one character of a value takes in any form found: 3 UTF-8 bytes, as hex digits, each
     * written as a JSON escape is 36; 3 bytes %-encoded inside JSON ({@code \u0025XX}) 24.
     */
    private static final int MAX_EXPANSION = 64;

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
        for (Level level : levels(part, true, shortValues, nonAscii)) {
            for (Group group : matchers) {
                mark(level, group, DANGLING_MIN, reach, secret);
            }
        }
        fragments.mark(part, reach, secret);
        int safe = head - margin;
        StringBuilder out = new StringBuilder(max + 32);
        int i = 0;
        while (i < safe && out.length() <= max) {
            if (reach[i] > i) {
                int end = spanEnd(reach, i);
                boolean isSecret = holdsSecret(secret, i, end);
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
            Optional<String> label = longEcho(matchers, clean(header.value()), false, nonAscii)
                    .or(() -> shortEcho(header.value().strip()))
                    .or(() -> fragments.echo(clean(header.value()), labelOtherThanSecret()));
            if (label.isPresent()) {
                return Optional.of(label.get() + " came back in the response header " + header.name());
            }
        }
        String body = clean(response.body());
        Optional<String> label = longEcho(matchers, body, response.truncated(), nonAscii).or(() -> shortEcho(body.strip()))
                .or(() -> fragments.echo(body, labelOtherThanSecret()));
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
    private static Optional<String> longEcho(List<Group> matchers, String text, boolean cut, boolean utf8) {
        for (Level level : levels(text, cut, false, utf8)) {
            for (Group group : matchers) {
                Matcher matcher = level.bytes ? group.inner : level.exact() ? group.exact : group.folded;
                Optional<String> found = matcher.longest(level.text, SUBSTRING_MATCH_MIN,
                        cut && level.openEnd ? SUBSTRING_MATCH_MIN - (level.bytes ? 1 : 0) : -1);
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
        List<String> decoded = new ArrayList<>();
        forms.forEach(form -> decoded.addAll(Encoded.whole(form)));
        for (Entry entry : entries) {
            if (entry.value.length() < SUBSTRING_MATCH_MIN) {
                String behind = afterBackslash(entry.value);
                for (int i = 0; i < forms.size(); i++) {
                    String form = forms.get(i);
                    if (i == 0 ? form.equals(entry.value) : form.strip().equals(fold(entry.value))
                            || behind != null && form.strip().equals(fold(behind))) {
                        return Optional.of(entry.label);
                    }
                }
                if (decoded.contains(entry.value)) {
                    return Optional.of(entry.label);
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
        for (Level level : levels(cleaned, cut, shortValues, nonAscii)) {
            for (Group group : matchers) {
                any |= mark(level, group, cut ? DANGLING_MIN : DANGLING_UNCUT_MIN, reach, secret);
            }
        }
        any |= fragments.mark(cleaned, reach, secret);
        if (!any) {
            return cleaned;
        }
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            if (reach[i] > i) {
                int end = spanEnd(reach, i);
                boolean isSecret = holdsSecret(secret, i, end);
                out.append(marker(isSecret ? SECRET_LABEL : labelOtherThanSecret()));
                i = end;
            } else {
                out.append(cleaned.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Marks a group's values found in a level: as they came in the text, decoded in the decoded texts; in decoded base64
     * and hex by their inner bytes (and short values whole, where whole runs are decoded).
     */
    private static boolean mark(Level level, Group group, int danglingMin, int[] reach, byte[] secret) {
        if (!level.bytes) {
            return (level.exact() ? group.exact : group.folded).mark(level, danglingMin, reach, secret);
        }
        // an inner pattern starts at the value's second character: its beginning is one character shorter
        boolean any = group.inner.mark(level, danglingMin - 1, reach, secret);
        if (level.wholeRuns) {
            any |= group.exact.mark(level, danglingMin, reach, secret);
        }
        return any;
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
    private static List<Level> levels(String text, boolean cut, boolean shortRuns, boolean utf8) {
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
            // base64 and hex of the text as it came: decoding it first changes only '+' to ' ', which base64 reads alike
            Encoded.addLevels(levels, plain, false, shortRuns, utf8);
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
        Encoded.addLevels(levels, plain, false, shortRuns, utf8);
        Encoded.addLevels(levels, first, true, shortRuns, utf8);
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
    /**
     * One form of a text: canonical characters, each with the original span [from, to) it came from. A level of
     * decoded base64 or hex ({@code bytes}) is matched exactly, only for values of at least
     * {@value #SUBSTRING_MATCH_MIN} characters, or a shorter one making up a whole run ({@code wholeRuns}: runs decoded
     * from their first character); {@code openEnd}: its last run reaches the end of the text (a dangling beginning
     * there counts).
     */
    private record Level(int depth, String text, int[] from, int[] to, int originalLength, boolean bytes,
                         boolean wholeRuns, boolean openEnd) {
        Level(int depth, String text, int[] from, int[] to, int originalLength) {
            this(depth, text, from, to, originalLength, false, false, true);
        }

        boolean exact() {
            return depth == 0 || bytes;
        }
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

    /**
     * The fewest base64 characters that hold the inner bytes (all but the first and last) of a value of
     * {@value #SUBSTRING_MATCH_MIN} bytes: shorter runs are not decoded.
     */
    static final int BASE64_RUN_MIN = ((SUBSTRING_MATCH_MIN - 2) * 8 + 5) / 6;
    /** The fewest hex digits that hold the inner bytes of a value of {@value #SUBSTRING_MATCH_MIN} bytes. */
    static final int HEX_RUN_MIN = (SUBSTRING_MATCH_MIN - 2) * 2;

    /**
     * A text's base64 or hex runs decoded back into bytes, and the bytes read as UTF-8, so that a value is found
     * wherever its encoded bytes appear: alone or inside a longer encoded blob ({@code base64("secret=" + secret)}),
     * with or without padding. A run is a maximal stretch of the alphabet (base64: both the standard and the URL-safe
     * one, and a space where '+' was folded to one; hex: either case), line breaks inside it skipped. Where the
     * value's bytes sit in the run is unknown, so each run is decoded 4 times (hex: 2) with its byte boundaries at
     * each even bit offset: 6-bit characters put a value's bytes at any of them. Values are found by their inner
     * bytes (see Group). Each decoded character maps back to the characters that hold its bits, so the partial
     * characters at the edges are redacted too. Runs too short to hold the inner bytes of a value of
     * {@value #SUBSTRING_MATCH_MIN} bytes are skipped unless short values are registered, and then decoded only at
     * offset 0 (a short value counts only as a whole run). Linear: 6 passes, each over the text once.
     */
    private static final class Encoded {
        private static final char SEPARATOR = '\uFFFF';
        private final Level base;
        private final boolean utf8;
        private char[] text;
        private int[] from;
        private int[] to;
        private int size;
        private int codePoint;
        private int remaining;
        private int pendingFrom;
        private int pendingTo;

        private Encoded(Level base, boolean hex, boolean utf8) {
            this.base = base;
            this.utf8 = utf8;
            int capacity = 16 + (hex ? base.text.length() / 2 : base.text.length() * 3 / 4);
            text = new char[capacity];
            from = new int[capacity];
            to = new int[capacity];
        }

        /** Adds the base64 levels (4 phases) and the hex levels (2 phases) of {@code base} that hold any text. */
        static void addLevels(List<Level> levels, Level base, boolean folded, boolean shortRuns, boolean utf8) {
            for (int phase = 0; phase < 4; phase++) {
                add(levels, decode(base, phase, false, folded, shortRuns && phase == 0, utf8), shortRuns && phase == 0);
            }
            for (int phase = 0; phase < 2; phase++) {
                add(levels, decode(base, phase, true, folded, shortRuns && phase == 0, utf8), shortRuns && phase == 0);
            }
        }

        private static void add(List<Level> levels, Encoded decoded, boolean wholeRuns) {
            if (decoded.size > 0) {
                levels.add(decoded.level(wholeRuns));
            }
        }

        private static final byte[] BASE64_VALUES = new byte[128];
        private static final byte[] HEX_VALUES = new byte[128];

        static {
            java.util.Arrays.fill(BASE64_VALUES, (byte) -1);
            java.util.Arrays.fill(HEX_VALUES, (byte) -1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < alphabet.length(); i++) {
                BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
            }
            BASE64_VALUES['-'] = 62;
            BASE64_VALUES['_'] = 63;
            for (int i = 0; i < 16; i++) {
                HEX_VALUES[Character.forDigit(i, 16)] = (byte) i;
                HEX_VALUES[Character.toUpperCase(Character.forDigit(i, 16))] = (byte) i;
            }
        }

        /** A character's value in base64 (both alphabets; a space where '+' was folded to one) or hex, or -1. */
        private static int value(char c, boolean hex, boolean folded) {
            if (c >= 128) {
                return -1;
            }
            if (hex) {
                return HEX_VALUES[c];
            }
            return folded && c == ' ' ? 62 : BASE64_VALUES[c];
        }

        private boolean openEnd;

        private static Encoded decode(Level base, int phase, boolean hex, boolean folded, boolean shortRuns,
                                      boolean utf8) {
            Encoded out = new Encoded(base, hex, utf8);
            String s = base.text;
            int n = s.length();
            int bits = hex ? 4 : 6;
            int min = hex ? HEX_RUN_MIN : BASE64_RUN_MIN;
            int i = 0;
            while (i < n) {
                if (value(s.charAt(i), hex, folded) < 0) {
                    i++;
                    continue;
                }
                int start = i;
                int count = 0;
                while (i < n) {
                    char c = s.charAt(i);
                    if (value(c, hex, folded) >= 0) {
                        count++;
                    } else if (c != '\r' && c != '\n') {
                        break;
                    }
                    i++;
                }
                if (count >= min || shortRuns) {
                    out.run(s, start, i, phase, bits, hex, folded);
                    if (i == n) {
                        out.openEnd = true;
                    } else {
                        out.flushPending();
                        out.put(SEPARATOR, i, i + 1);
                    }
                }
            }
            return out;
        }

        /**
         * Decodes the run [start, end) with its byte boundaries shifted by {@code phase}: as if {@code phase * bits}
         * bits (mod 8) came before it. Nothing of the run is skipped, so a value whose bytes begin in the run's first
         * character is found too (the partial first byte is the one a value's inner bytes do without).
         */
        private void run(String s, int start, int end, int phase, int bits, boolean hex, boolean folded) {
            int buffer = 0;
            int held = (phase * bits) % 8;
            int byteFrom = start;
            for (int k = start; k < end; k++) {
                int v = value(s.charAt(k), hex, folded);
                if (v < 0) {
                    continue;
                }
                if (held == 0) {
                    byteFrom = k;
                }
                buffer = (buffer << bits) | v;
                held += bits;
                if (held >= 8) {
                    held -= 8;
                    int b = (buffer >>> held) & 0xFF;
                    buffer &= (1 << held) - 1;
                    decodedByte(b, byteFrom, k + 1);
                    byteFrom = k;
                }
            }
        }

        /**
         * One decoded byte from base characters [f, t): UTF-8 sequences become their character, invalid bytes U+FFFD;
         * when every value is ASCII ({@code !utf8}), a byte of 0x80 or more is U+FFFD at once (it is in no value).
         */
        private void decodedByte(int b, int f, int t) {
            if (!utf8) {
                append(b < 0x80 ? (char) b : '\uFFFD', f, t);
                return;
            }
            if (remaining > 0) {
                if ((b & 0xC0) == 0x80) {
                    codePoint = (codePoint << 6) | (b & 0x3F);
                    pendingTo = t;
                    if (--remaining == 0) {
                        boolean valid = codePoint <= Character.MAX_CODE_POINT
                                && (codePoint < 0xD800 || codePoint > 0xDFFF);
                        put(valid ? codePoint : 0xFFFD, pendingFrom, t);
                    }
                    return;
                }
                flushPending();
            }
            int lead = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
            if (b < 0x80) {
                put(b, f, t);
            } else if (lead == 0) {
                put(0xFFFD, f, t);
            } else {
                codePoint = b & (0x3F >> lead);
                remaining = lead;
                pendingFrom = f;
                pendingTo = t;
            }
        }

        private void flushPending() {
            if (remaining > 0) {
                remaining = 0;
                put(0xFFFD, pendingFrom, pendingTo);
            }
        }

        /** Appends a character that stands for base characters [f, t). */
        private void put(int c, int f, int t) {
            if (c >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                append(Character.highSurrogate(c), f, t);
                append(Character.lowSurrogate(c), f, t);
            } else {
                append((char) c, f, t);
            }
        }

        private void append(char c, int f, int t) {
            if (size == from.length) {
                from = java.util.Arrays.copyOf(from, size * 2);
                to = java.util.Arrays.copyOf(to, size * 2);
                text = java.util.Arrays.copyOf(text, size * 2);
            }
            text[size] = c;
            from[size] = base.from[f];
            to[size] = base.to[t - 1];
            size++;
        }

        private Level level(boolean wholeRuns) {
            // The maps may be longer than the text: a level reads them only below its text's length.
            return new Level(base.depth + 1, new String(text, 0, size), from, to, base.originalLength, true, wholeRuns,
                    openEnd);
        }

        /**
         * The whole text read as one base64 run and as one hex run, from its first character (padding '=' at the end
         * ignored), where it is one: a short value echoed encoded as a whole header value, JSON string or body.
         */
        static List<String> whole(String text) {
            String run = text.strip();
            while (run.endsWith("=")) {
                run = run.substring(0, run.length() - 1);
            }
            List<String> decoded = new ArrayList<>();
            if (run.isEmpty()) {
                return decoded;
            }
            int[] identity = new int[run.length()];
            int[] next = new int[run.length()];
            for (int i = 0; i < identity.length; i++) {
                identity[i] = i;
                next[i] = i + 1;
            }
            Level level = new Level(0, run, identity, next, run.length());
            for (boolean hex : new boolean[] {false, true}) {
                Encoded one = decode(level, 0, hex, false, true, true);
                one.flushPending();
                String whole = new String(one.text, 0, one.size);
                if (one.size > 0 && one.openEnd && whole.indexOf(SEPARATOR) < 0) {
                    decoded.add(whole);
                }
            }
            return decoded;
        }

        /** Whether the decoded characters [first, last] make up a whole run (separators or the ends around them). */
        static boolean wholeRun(String text, int first, int last) {
            return (first == 0 || text.charAt(first - 1) == SEPARATOR)
                    && (last + 1 == text.length() || text.charAt(last + 1) == SEPARATOR);
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
        /** The root's transitions on Latin-1 characters, looked up directly: most characters of a text leave the root. */
        private static final int ROOT_TABLE = 256;
        private final int[] root = new int[ROOT_TABLE];
        private final Edges edges;
        private final int[] fail;
        private final int[] depth;
        /** Length of the longest value ending at this node (itself or through its failure chain), 0 for none. */
        private final int[] out;
        private final boolean[] outSecret;
        private final String[] outLabel;
        /** How many decoded characters before and after that value's match are taken with it (0 or 1). */
        private final byte[] outBack;
        private final byte[] outAhead;
        /** Whether a secret (not only a token) passes through this node, for the label of a dangling beginning. */
        private final boolean[] throughSecret;

        Matcher(List<Pattern> patterns) {
            int capacity = 1;
            for (Pattern pattern : patterns) {
                capacity += pattern.text.length();
            }
            edges = new Edges(capacity);
            fail = new int[capacity];
            depth = new int[capacity];
            out = new int[capacity];
            outSecret = new boolean[capacity];
            outLabel = new String[capacity];
            outBack = new byte[capacity];
            outAhead = new byte[capacity];
            throughSecret = new boolean[capacity];
            int size = 1;
            for (Pattern pattern : patterns) {
                String value = pattern.text;
                boolean isSecret = pattern.isSecret;
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
                    outLabel[state] = pattern.label;
                    outBack[state] = (byte) pattern.back;
                    outAhead[state] = (byte) pattern.ahead;
                }
            }
            for (char c = 0; c < ROOT_TABLE; c++) {
                root[c] = Math.max(0, edges.get(0, c));
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
                    outBack[state] = outBack[f];
                    outAhead[state] = outAhead[f];
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
                if (state == 0 && c < ROOT_TABLE) {
                    return root[c];
                }
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
                if (length > 0 && !level.bytes && outBack[state] > 0 && !afterEscape(level, i - length + 1)) {
                    continue;
                }
                if (length > 0 && (!level.bytes || length + outBack[state] + outAhead[state] >= SUBSTRING_MATCH_MIN
                        || level.wholeRuns && Encoded.wholeRun(text, i - length + 1, i))) {
                    int first = i - length + 1;
                    int last = i;
                    if (outBack[state] > 0 && first > 0 && text.charAt(first - 1) != Encoded.SEPARATOR) {
                        first--;
                    }
                    if (outAhead[state] > 0 && last + 1 < text.length() && text.charAt(last + 1) != Encoded.SEPARATOR) {
                        last++;
                    }
                    int start = level.from[first];
                    int end = level.to[last];
                    reach[start] = Math.max(reach[start], end);
                    secret[start] |= (byte) (outSecret[state] ? 1 : 0);
                    any = true;
                }
            }
            int dangling = depth[state];
            if (dangling >= danglingMin && dangling > 0 && level.openEnd) {
                int start = level.from[text.length() - dangling];
                reach[start] = Math.max(reach[start], level.originalLength);
                secret[start] |= (byte) (throughSecret[state] ? 1 : 0);
                any = true;
            }
            return any;
        }

        /** Whether the decoded character before {@code first} is an escape (several characters) ending right there. */
        private static boolean afterEscape(Level level, int first) {
            return first > 0 && level.to[first - 1] - level.from[first - 1] > 1 && level.to[first - 1] == level.from[first];
        }

        /**
         * The label of a value of at least {@code minLength} characters in the text, or of a beginning of one of at
         * least {@code danglingMin} characters left at its end (negative: not looked for).
         */
        Optional<String> longest(String text, int minLength, int danglingMin) {
            int state = 0;
            for (int i = 0; i < text.length(); i++) {
                state = step(state, text.charAt(i));
                if (out[state] > 0 && out[state] + outBack[state] + outAhead[state] >= minLength) {
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

    /** Where the run of marked spans that starts at {@code i} ends: spans that overlap it are joined to it. */
    private static int spanEnd(int[] reach, int i) {
        int end = reach[i];
        for (int j = i + 1; j < end; j++) {
            end = Math.max(end, reach[j]);
        }
        return end;
    }

    /** Whether any position in [from, to) was marked by the secret (or a variant of it) rather than a token. */
    private static boolean holdsSecret(byte[] secret, int from, int to) {
        for (int j = from; j < to; j++) {
            if (secret[j] != 0) {
                return true;
            }
        }
        return false;
    }

}
