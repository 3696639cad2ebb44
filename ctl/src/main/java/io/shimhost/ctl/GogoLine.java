package io.shimhost.ctl;

import java.util.List;
import java.util.stream.Collectors;

/** A command given as separate arguments, joined into one Gogo line: words the shell split stay one word. */
final class GogoLine {

    private static final int SHOWN = 200;

    private GogoLine() {
    }

    static String join(List<String> words) {
        return words.stream().map(GogoLine::word).collect(Collectors.joining(" "));
    }

    private static String word(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> Character.isWhitespace(c) || "\"'\\;|&$(){}[]<>#".indexOf(c) >= 0)) {
            return word;
        }
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"";
    }

    /** A line as an error shows it: control characters escaped, cut at 200 characters. */
    static String shown(String line) {
        StringBuilder text = new StringBuilder();
        line.codePoints().limit(SHOWN).forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                text.append(String.format("\\u%04x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return line.length() > SHOWN ? text + "…" : text.toString();
    }
}
