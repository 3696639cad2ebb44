package io.shimhost.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A request's JSON body, read as data and nothing else: an object of strings, numbers, booleans,
 * nulls, arrays and objects, at most {@value #MAX_BYTES} bytes (413 beyond), only as
 * {@code application/json} (415 otherwise).
 */
final class JsonBody {

    static final int MAX_BYTES = 64 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build()).build();

    private JsonBody() {
    }

    /** @return the body's object; an empty object when the request has no body */
    static Map<String, Object> read(HttpServletRequest request) throws Problem, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            throw tooLarge();
        }
        byte[] body = bounded(request.getInputStream());
        if (body.length == 0) {
            return Map.of();
        }
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].strip().equalsIgnoreCase("application/json")) {
            throw Problem.of(415, "The body is " + (type == null ? "of no stated type" : "of type " + type)
                    + ": send application/json");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw Problem.of(400, "The body is not a JSON object: send {\"field\": value, ...}");
            }
            Map<String, Object> object = object(parser);
            if (parser.nextToken() != null) {
                throw Problem.of(400, "The body has more after its JSON object: send one object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw Problem.of(400, "The body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Problem tooLarge() {
        return Problem.of(413, "The body is larger than " + MAX_BYTES + " bytes");
    }

    private static byte[] bounded(InputStream in) throws IOException, Problem {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw tooLarge();
        }
        return body;
    }

    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            object.put(name, value(parser));
        }
        return object;
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }

    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(value(parser));
        }
        return array;
    }
}
