package io.shimhost.registry.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

import io.shimhost.api.ExitStatus;
import io.shimhost.api.ShimType;

/**
 * One table row per line: the CRC-32 of the rest of the line in hex, a space, then
 * {@code key=value} pairs joined by {@code &}, values URL-encoded. The checksum tells a torn or
 * overwritten line from a good one; the key names keep the file readable and open to new fields.
 */
final class RowCodec {

    /** The start of a journal line that removes a row rather than records one. */
    private static final String REMOVAL = "forget=";

    private RowCodec() {
    }

    static String encode(ShimRow row) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", row.token());
        fields.put("type", row.type());
        fields.put("container", row.container());
        fields.put("sandbox", row.sandbox());
        fields.put("pid", Long.toString(row.pid()));
        fields.put("ticks", Long.toString(row.ticks()));
        fields.put("ns", namespaces(row.namespaces()));
        fields.put("started", row.started().toString());
        fields.put("state", row.state().name().toLowerCase());
        fields.put("exit", row.exit() == null ? "" : exit(row.exit()));
        fields.put("boot", row.boot());
        fields.put("pidns", Long.toString(row.pidNamespace()));
        if (!row.launch().isEmpty()) {
            fields.put("launch", row.launch());
        }
        if (row.ended() != null) {
            fields.put("ended", row.ended().toString());
        }
        if (!row.config().isEmpty()) {
            fields.put("config", config(row.config()));
        }
        if (row.output() != null) {
            fields.put("log", row.output().file().toString());
            fields.put("loglimit", Long.toString(row.output().limit()));
        }
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return checksum(body.toString()) + " " + body;
    }

    /** A journal line that removes the row of {@code token}: {@code CRC forget=TOKEN}. */
    static String encodeRemoval(String token) {
        String body = REMOVAL + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return checksum(body) + " " + body;
    }

    /**
     * @return the token a removal line removes, or empty for a row's line
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    static java.util.Optional<String> removal(String line) {
        String body = checkedBody(line);
        return body.startsWith(REMOVAL)
                ? java.util.Optional.of(URLDecoder.decode(body.substring(REMOVAL.length()), StandardCharsets.UTF_8))
                : java.util.Optional.empty();
    }

    private static String checkedBody(String line) {
        int space = line.indexOf(' ');
        if (space != 8) {
            throw new IllegalArgumentException("no checksum");
        }
        String body = line.substring(space + 1);
        if (!line.substring(0, space).equals(checksum(body))) {
            throw new IllegalArgumentException("checksum mismatch (torn or overwritten)");
        }
        return body;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the line
     */
    static ShimRow decode(String line) {
        String body = checkedBody(line);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("field without a name: " + pair);
            }
            fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return row(fields);
    }

    private static ShimRow row(Map<String, String> f) {
        try {
            String token = required(f, "token");
            String type = required(f, "type");
            if (token.isEmpty() || !ShimType.isValid(type)) {
                throw new IllegalArgumentException("empty token or invalid type \"" + type + "\"");
            }
            ShimRow.State state = ShimRow.State.valueOf(required(f, "state").toUpperCase());
            String exit = required(f, "exit");
            return new ShimRow(token, type, required(f, "container"), required(f, "sandbox"),
                    Long.parseLong(required(f, "pid")), Long.parseLong(required(f, "ticks")),
                    namespaces(required(f, "ns")), Instant.parse(required(f, "started")), state,
                    state == ShimRow.State.ENDED ? exit(exit) : null, f.getOrDefault("boot", ""),
                    Long.parseLong(f.getOrDefault("pidns", "0")), f.getOrDefault("launch", ""), output(f),
                    state == ShimRow.State.ENDED ? ended(f) : null, config(f.getOrDefault("config", "")));
        } catch (NumberFormatException | DateTimeParseException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad value: " + e.getMessage(), e);
        }
    }

    /** A start's configuration in one field: {@code KEY=VALUE} pairs joined by {@code &}, each part encoded. */
    private static String config(Map<String, String> config) {
        StringBuilder text = new StringBuilder();
        config.forEach((k, v) -> text.append(text.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static Map<String, String> config(String text) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                config.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return config;
    }

    /** Rows written before the end time was recorded count from their start. */
    private static Instant ended(Map<String, String> f) {
        String ended = f.get("ended");
        return ended == null ? Instant.parse(required(f, "started")) : Instant.parse(ended);
    }

    /** A log file recorded must be absolute, as every start checked it. */
    private static OutputLog output(Map<String, String> f) {
        String log = f.getOrDefault("log", "");
        if (log.isEmpty()) {
            return null;
        }
        Path file = Path.of(log);
        if (!file.isAbsolute()) {
            throw new IllegalArgumentException("log file \"" + log + "\" is not absolute");
        }
        return new OutputLog(file, Long.parseLong(required(f, "loglimit")));
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static String namespaces(Map<String, Long> namespaces) {
        StringBuilder text = new StringBuilder();
        namespaces.forEach((type, inode) -> text.append(text.length() == 0 ? "" : ",").append(type).append(':')
                .append(inode));
        return text.toString();
    }

    private static Map<String, Long> namespaces(String text) {
        Map<String, Long> namespaces = new TreeMap<>();
        if (!text.isEmpty()) {
            for (String entry : text.split(",")) {
                int colon = entry.indexOf(':');
                namespaces.put(entry.substring(0, colon), Long.parseLong(entry.substring(colon + 1)));
            }
        }
        return namespaces;
    }

    private static String exit(ExitStatus status) {
        return status.kind().name().toLowerCase() + ":" + status.value();
    }

    private static ExitStatus exit(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("bad exit status \"" + text + "\"");
        }
        int value = Integer.parseInt(text.substring(colon + 1));
        return switch (ExitStatus.Kind.valueOf(text.substring(0, colon).toUpperCase())) {
            case EXITED -> ExitStatus.exited(value);
            case KILLED -> ExitStatus.killed(value);
            case OOM_KILLED -> ExitStatus.oomKilled();
            case UNKNOWN -> ExitStatus.unknown();
            case NO_PROCESS -> ExitStatus.noProcess();
        };
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        String hex = Long.toHexString(crc.getValue());
        return "00000000".substring(hex.length()) + hex;
    }
}
