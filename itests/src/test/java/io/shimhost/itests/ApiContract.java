package io.shimhost.itests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document kept in the repository, as the contract every answer of the HTTP API is
 * checked against: the operation must exist, the status must be one it documents, and a JSON body
 * (each line of an NDJSON stream) must match the schema documented for that status and type.
 */
final class ApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path FILE = Path.of(System.getProperty("shimhost.openapi", "openapi.json"));
    private static final JsonNode DOCUMENT = read();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemas(Map.of(FILE.toUri().toString(), DOCUMENT.toString())));

    private ApiContract() {
    }

    private static JsonNode read() {
        try {
            return JSON.readTree(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document " + FILE, e);
        }
    }

    static JsonNode document() {
        return DOCUMENT;
    }

    /** Fails unless the answer is one the document describes for this operation. */
    static void check(String method, String path, ApiClient.Response response) {
        String template = template(path.split("\\?", 2)[0]);
        JsonNode operation = DOCUMENT.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s is in the OpenAPI document", method, template).isFalse();
        JsonNode answer = operation.path("responses").path(Integer.toString(response.status()));
        assertThat(answer.isMissingNode()).as("%s %s documents status %d (%s)", method, template, response.status(),
                response.body()).isFalse();
        String pointer = "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/"
                + response.status();
        if (answer.has("$ref")) {
            pointer = answer.get("$ref").asText().substring(1);
            answer = DOCUMENT.at(pointer);
        }
        String type = response.contentType().split(";", 2)[0].strip();
        assertThat(answer.path("content").has(type)).as("%s %s %d documents content type %s", method, template,
                response.status(), type).isTrue();
        if (type.endsWith("json")) {
            validate(pointer + "/content/" + escape(type) + "/schema", response.body().strip(), method + " " + path);
        } else if (type.equals("application/x-ndjson")) {
            for (String line : response.body().split("\n")) {
                if (!line.isBlank()) {
                    validate(pointer + "/content/" + escape(type) + "/schema", line, method + " " + path);
                }
            }
        }
    }

    /** Fails unless the answer is a problem document, for a method the document does not list (a 405). */
    static void checkProblem(ApiClient.Response response) {
        assertThat(response.contentType()).startsWith("application/problem+json");
        validate("/components/schemas/Problem", response.body().strip(), "a problem");
    }

    private static void validate(String pointer, String json, String what) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(FILE.toUri() + "#" + pointer));
        List<Error> errors;
        try {
            errors = schema.validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError(what + " answered no JSON: " + json, e);
        }
        assertThat(errors).as("%s answered %s, against the schema at %s", what, json, pointer).isEmpty();
    }

    /** The document's path template that a concrete path matches, such as /v1/shims/{id}/stop. */
    private static String template(String path) {
        String[] parts = path.split("/");
        for (Iterator<String> it = DOCUMENT.path("paths").fieldNames(); it.hasNext();) {
            String template = it.next();
            String[] wanted = template.split("/");
            if (wanted.length != parts.length) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < wanted.length && same; i++) {
                same = wanted[i].startsWith("{") || wanted[i].equals(parts[i]);
            }
            if (same) {
                return template;
            }
        }
        return path;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
