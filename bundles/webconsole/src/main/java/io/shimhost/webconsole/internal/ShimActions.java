package io.shimhost.webconsole.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import javax.servlet.http.HttpServletRequest;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimException;
import io.shimhost.api.Signals;
import io.shimhost.json.ShimJson;
import io.shimhost.json.ShimVerbs;
import io.shimhost.json.VerbRefusedException;

/**
 * What the pages' POSTs do: {@code action} {@code signal} (with {@code signal}), {@code stop} (with
 * {@code grace} seconds for SIGTERM first) or {@code forget}, on the shim {@code id}. Each must carry the
 * {@link ActionToken} and come from the console's own origin; the verbs are those every door shares.
 */
final class ShimActions {

    /** An answer: the HTTP status and its JSON (the shim after the verb, or a problem). */
    record Answer(int status, String json) {
    }

    private final ShimVerbs verbs;
    private final ActionToken token;

    ShimActions(ShimVerbs verbs, ActionToken token) {
        this.verbs = verbs;
        this.token = token;
    }

    ShimVerbs verbs() {
        return verbs;
    }

    Answer run(HttpServletRequest request) {
        String given = request.getHeader(ActionToken.HEADER) != null ? request.getHeader(ActionToken.HEADER)
                : request.getParameter(ActionToken.FIELD);
        if (!token.matches(given)) {
            return new Answer(403, problem("refused: the action lacks the page's token; reload the page and try again"));
        }
        if (!sameOrigin(request)) {
            return new Answer(403, problem("refused: an action from Origin \"" + request.getHeader("Origin")
                    + "\"; only the console's own pages may act"));
        }
        String id = request.getParameter("id");
        String action = request.getParameter("action");
        try {
            return new Answer(200, switch (action == null ? "" : action) {
                case "signal" -> verbs.signal(id, Signals.parse(Objects.requireNonNullElse(request.getParameter("signal"), "")));
                case "stop" -> verbs.stop(id, grace(request.getParameter("grace")));
                case "forget" -> verbs.forget(id);
                default -> throw new InvalidParameterException("action", action, "Unknown action \"" + action
                        + "\": give signal, stop or forget");
            });
        } catch (VerbRefusedException e) {
            return new Answer(e.reason() == VerbRefusedException.Reason.NOT_FOUND ? 404 : 409, problem(e.getMessage()));
        } catch (InvalidParameterException e) {
            return new Answer(400, problem(e.getMessage()));
        } catch (ShimException e) {
            return new Answer(500, problem(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, problem("The node is stopping"));
        }
    }

    /** A browser sends Origin with every POST; one without it, or from elsewhere, is not the console's page. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        String host = request.getHeader("Host");
        if (origin == null || host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            return uri.getRawAuthority() != null && uri.getRawAuthority().equalsIgnoreCase(host)
                    && (uri.getScheme().equals("http") || uri.getScheme().equals("https"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Duration grace(String seconds) throws InvalidParameterException {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value >= 0 && value <= 3600) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidParameterException("grace", seconds, "Invalid grace \"" + seconds
                + "\": give whole seconds from 0 to 3600");
    }

    static String problem(String detail) {
        return ShimJson.of(json -> {
            json.writeStartObject();
            json.writeStringField("detail", detail);
            json.writeEndObject();
        });
    }
}
