package io.shimhost.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API as a script drives it: {@code curl --unix-socket}. Every answer is checked against
 * the OpenAPI document ({@link ApiContract}) before a test sees it.
 */
final class ApiClient {

    /** One answer: status, headers (names in lower case), body. */
    record Response(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private final Path socket;
    private final Path scratch;
    private final List<String> prefix;

    /**
     * @param socket the API's socket
     * @param scratch a folder for the answers' headers and bodies
     * @param prefix what runs curl, such as {@code runuser -u nobody --}; empty for this user
     */
    ApiClient(Path socket, Path scratch, List<String> prefix) {
        this.socket = socket;
        this.scratch = scratch;
        this.prefix = List.copyOf(prefix);
    }

    ApiClient(Path socket, Path scratch) {
        this(socket, scratch, List.of());
    }

    Response get(String path) throws Exception {
        return call("GET", path, null, null);
    }

    Response post(String path, String json) throws Exception {
        return call("POST", path, "application/json", json);
    }

    Response delete(String path) throws Exception {
        return call("DELETE", path, null, null);
    }

    /** Sends a request, checks the answer against the contract, and returns it. */
    Response call(String method, String path, String contentType, String body) throws Exception {
        Response response = raw(method, path, contentType, body, 120);
        ApiContract.check(method, path, response);
        return response;
    }

    /** Sends a request for at most {@code seconds} and returns what came, unchecked. */
    Response raw(String method, String path, String contentType, String body, int seconds) throws Exception {
        Path dir = Files.createTempDirectory(scratch, "call");
        if (!prefix.isEmpty()) {
            // curl runs as another user: it must be able to write its answer here
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        Path headers = dir.resolve("headers");
        Path out = dir.resolve("body");
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("curl", "-sS", "-N", "--max-time", Integer.toString(seconds), "--unix-socket",
                socket.toString(), "-X", method, "-D", headers.toString(), "-o", out.toString()));
        if (contentType != null) {
            command.addAll(List.of("-H", "Content-Type: " + contentType));
        }
        if (body != null) {
            command.addAll(List.of("--data-binary", "@-"));
        }
        command.add("http://localhost" + path);
        Process curl = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = curl.getOutputStream()) {
            if (body != null) {
                in.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        String said = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!curl.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            curl.destroyForcibly();
            throw new AssertionError("curl " + method + " " + path + " did not end");
        }
        if (!Files.exists(headers) || Files.size(headers) == 0) {
            throw new IOException("curl " + method + " " + path + " got no answer: " + said);
        }
        return new Response(status(headers), headerMap(headers),
                Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "");
    }

    private static int status(Path headers) throws IOException {
        return Integer.parseInt(Files.readAllLines(headers, StandardCharsets.ISO_8859_1).get(0).split(" ")[1]);
    }

    private static Map<String, String> headerMap(Path headers) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                map.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        return map;
    }
}
