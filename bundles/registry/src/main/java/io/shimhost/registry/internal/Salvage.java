package io.shimhost.registry.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.shimhost.api.ShimType;

/**
 * What can still be read from a damaged table line: a shim's process carries its launch id in its
 * environment, so a line that still shows {@code launch=ID} is enough to find the process again
 * and adopt it, whatever else of the line was lost. The row made from it is a start not seen to its
 * end ({@link ShimRow.State#STARTING}), which adoption settles by the launch id like any other, and
 * which is kept only if its process is found; the fields still readable are kept, the others filled
 * in ({@code recovered-ID} as its token, type {@value #UNKNOWN_TYPE}).
 */
final class Salvage {

    static final String UNKNOWN_TYPE = "unknown";

    private static final Pattern FIELD = Pattern.compile("(?:^|[ &])([a-z]+)=([^& ]*)");
    private static final Pattern LAUNCH_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private Salvage() {
    }

    /** @return the row to find the line's process again by, if the line still names a launch id */
    static Optional<ShimRow> row(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            fields.putIfAbsent(m.group(1), decoded(m.group(2)));
        }
        String launch = fields.get("launch");
        String pid = fields.getOrDefault("pid", "");
        if (launch == null || !LAUNCH_ID.matcher(launch).matches() || pid.equals("0") || pid.equals("-1")) {
            return Optional.empty(); // no launch id to look for, or a shim without a process
        }
        String token = fields.getOrDefault("token", "");
        String type = fields.getOrDefault("type", "");
        return Optional.of(new ShimRow(token.isEmpty() ? "recovered-" + launch : token,
                ShimType.isValid(type) ? type : UNKNOWN_TYPE, fields.getOrDefault("container", ""),
                fields.getOrDefault("sandbox", ""), 0, -1, Map.of(), started(fields.get("started")),
                ShimRow.State.STARTING, null, fields.getOrDefault("boot", ""), pidNamespace(fields.get("pidns")), launch));
    }

    private static String decoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static Instant started(String text) {
        try {
            return text == null ? Instant.now() : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.now();
        }
    }

    private static long pidNamespace(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
