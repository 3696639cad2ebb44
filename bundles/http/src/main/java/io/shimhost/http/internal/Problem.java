package io.shimhost.http.internal;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimException;
import io.shimhost.api.TokenInUseException;
import io.shimhost.api.UnknownShimTypeException;
import io.shimhost.json.ShimJson;

/**
 * An answer that is an error, as RFC 9457 problem details ({@code application/problem+json}):
 * {@code type} (always {@code about:blank}: the status says what kind), {@code title} (the
 * status's reason), {@code status}, {@code detail} (one line naming the bad value and what to do)
 * and, for a bad field, {@code field} and {@code value}.
 */
final class Problem extends Exception {

    private static final long serialVersionUID = 1L;
    static final String MEDIA_TYPE = "application/problem+json";

    private final int status;
    private final String field;
    private final transient Object value;
    private String allowed;

    private Problem(int status, String detail, String field, Object value) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.value = value;
    }

    static Problem of(int status, String detail) {
        return new Problem(status, detail, null, null);
    }

    /** 405, and the methods the resource takes, for the {@code Allow} header. */
    static Problem notAllowed(String method, String... allowed) {
        Problem problem = new Problem(405, "Method " + method + " is not allowed here: use "
                + String.join(" or ", allowed), null, null);
        problem.allowed = String.join(", ", allowed);
        return problem;
    }

    /** @return the methods the resource takes, for a 405 */
    Optional<String> allowed() {
        return Optional.ofNullable(allowed);
    }

    static Problem badField(String field, Object value, String detail) {
        return new Problem(400, detail, field, value);
    }

    /** A registry's refusal: a bad parameter is the client's (400), a taken token a conflict (409), the rest the node's (500). */
    static Problem of(ShimException e) {
        if (e instanceof TokenInUseException taken) {
            return new Problem(409, e.getMessage(), taken.parameter(), taken.value());
        }
        if (e instanceof UnknownShimTypeException unknown) {
            return new Problem(400, e.getMessage(), "type", unknown.type());
        }
        if (e instanceof InvalidParameterException bad) {
            return new Problem(400, e.getMessage(), bad.parameter(), bad.value());
        }
        return new Problem(500, e.getMessage(), null, null);
    }

    int status() {
        return status;
    }

    String json() {
        return ShimJson.of(json -> {
            json.writeStartObject();
            json.writeStringField("type", "about:blank");
            json.writeStringField("title", title(status));
            json.writeNumberField("status", status);
            json.writeStringField("detail", getMessage());
            if (field != null) {
                json.writeStringField("field", field);
                writeValue(json);
            }
            json.writeEndObject();
        });
    }

    private void writeValue(JsonGenerator json) throws IOException {
        json.writeFieldName("value");
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Number || value instanceof Boolean) {
            json.writeString(value.toString());
        } else {
            json.writeString(Identifiers.shown(value.toString(), 256));
        }
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 503 -> "Service Unavailable";
            default -> "Internal Server Error";
        };
    }
}
