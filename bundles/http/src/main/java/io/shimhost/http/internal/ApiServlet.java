package io.shimhost.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.shimhost.api.Identifiers;
import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.ShimException;
import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;
import io.shimhost.api.registry.OutputTail;
import io.shimhost.api.registry.ShimEventHistory;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.api.registry.Timeout;
import io.shimhost.json.ShimJson;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code /v1} resources (README, "HTTP API"; {@code /v1/openapi.json}): routes each request to
 * its verb and answers JSON, or a problem ({@link Problem}). Path segments are percent-decoded one
 * by one, so an id is data whatever it holds.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/v1/*")
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final String JSON = "application/json";

    private final transient BundleContext context;
    private final String version;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ShimRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ShimEventHistory history;

    /** Reads a running shim's argv, environment names and stdio for inspect; absent without a core bundle. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private transient volatile ProcessService processes;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile List<SelfCheck> checks = List.of();

    @Activate
    public ApiServlet(BundleContext context) {
        this.context = context;
        this.version = context.getBundle().getVersion().toString();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Problem problem;
        try {
            route(request, response, segments(request));
            return;
        } catch (Problem refused) {
            problem = refused;
        } catch (ShimException e) {
            problem = Problem.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem = Problem.of(503, "The node is stopping");
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("method", request.getMethod()).addKeyValue("path", request.getRequestURI())
                    .setCause(e).log("The HTTP API failed to answer a request: " + e);
            problem = Problem.of(500, "The node failed to answer: " + e + " (its log has the details)");
        }
        // a stream already begun (events, logs, a wait's spaces) cannot turn into a problem
        if (!response.isCommitted()) {
            response.reset();
            problem.allowed().ifPresent(allowed -> response.setHeader("Allow", allowed));
            write(response, problem.status(), Problem.MEDIA_TYPE, problem.json());
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, List<String> path)
            throws Problem, ShimException, IOException, InterruptedException {
        String method = request.getMethod();
        String first = path.isEmpty() ? "" : path.get(0);
        switch (first + "/" + path.size()) {
            case "version/1" -> {
                allow(method, "GET");
                ok(response, ShimJson.of(json -> {
                    json.writeStartObject();
                    json.writeStringField("version", version);
                    json.writeStringField("api", "v1");
                    json.writeEndObject();
                }));
            }
            case "openapi.json/1" -> {
                allow(method, "GET");
                write(response, 200, JSON, OpenApi.document());
            }
            case "types/1" -> {
                allow(method, "GET");
                ok(response, shims().types());
            }
            case "audit/1" -> {
                allow(method, "GET");
                List<CheckResult> results = new ArrayList<>();
                for (SelfCheck check : checks) {
                    results.addAll(check.run());
                }
                ok(response, ShimJson.audit(results));
            }
            case "stats/1" -> {
                allow(method, "GET");
                ok(response, shims().stats(processes));
            }
            case "events/1" -> {
                allow(method, "GET");
                new EventFeed(context, history).stream(request, response);
            }
            case "shims/1" -> shims(request, response, method);
            case "shims/2" -> shim(response, method, path.get(1));
            case "shims/3" -> shimAction(request, response, method, path.get(1), path.get(2));
            default -> throw Problem.of(404, "No resource at " + Identifiers.shown(request.getRequestURI())
                    + ": GET /v1/openapi.json lists them");
        }
    }

    private void shims(HttpServletRequest request, HttpServletResponse response, String method)
            throws Problem, ShimException, IOException {
        allow(method, "GET", "POST");
        if (method.equals("GET")) {
            var records = shims().list(request.getParameterMap());
            response.setContentType(JSON);
            try (OutputStream out = response.getOutputStream()) {
                ShimJson.writeShims(out, records);
            }
            return;
        }
        StartBody body = StartBody.of(JsonBody.read(request));
        if (flag(request, "dryRun")) {
            ok(response, shims().plan(body));
            return;
        }
        ShimRecord started = shims().start(body);
        response.setHeader("Location", "/v1/shims/" + URLEncoder.encode(started.shim().token(), StandardCharsets.UTF_8)
                .replace("+", "%20"));
        write(response, 201, JSON, ShimJson.shim(started));
    }

    private void shim(HttpServletResponse response, String method, String id) throws Problem, ShimException, IOException {
        allow(method, "GET", "DELETE");
        ok(response, method.equals("GET") ? shims().inspect(id, processes) : shims().forget(id));
    }

    private void shimAction(HttpServletRequest request, HttpServletResponse response, String method, String id,
            String action) throws Problem, ShimException, IOException, InterruptedException {
        switch (action) {
            case "signal" -> {
                allow(method, "POST");
                ok(response, shims().signal(id, JsonBody.read(request)));
            }
            case "stop" -> {
                allow(method, "POST");
                ok(response, shims().stop(id, seconds(request, "timeout", null)));
            }
            case "wait" -> {
                allow(method, "POST");
                Duration limit = seconds(request, "timeout", Duration.ofSeconds(Timeout.MAX_SECONDS));
                ShimResources shims = shims();
                ShimRecord target = shims.find(id);
                response.setStatus(200);
                response.setContentType(JSON);
                OutputStream out = response.getOutputStream();
                out.write((shims.await(target, limit, out) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            case "stats" -> {
                allow(method, "GET");
                ok(response, shims().stats(id, processes));
            }
            case "logs" -> {
                allow(method, "GET");
                LogStream.send(shims().find(id), OutputTail.lines("tail", request.getParameter("tail")),
                        flag(request, "follow"), response);
            }
            default -> throw Problem.of(404, "No resource \"" + Identifiers.shown(action)
                    + "\" of a shim: signal, stop, wait, logs or stats");
        }
    }

    private ShimResources shims() throws Problem {
        ShimRegistry current = registry;
        if (current == null) {
            throw Problem.of(503, "The shim registry is not ready: try again");
        }
        return new ShimResources(current);
    }

    private static void allow(String method, String... allowed) throws Problem {
        if (!Arrays.asList(allowed).contains(method)) {
            throw Problem.notAllowed(method, allowed);
        }
    }

    private static Duration seconds(HttpServletRequest request, String name, Duration absent)
            throws InvalidParameterException {
        String value = request.getParameter(name);
        return value == null ? absent : Timeout.seconds(name, value);
    }

    private static boolean flag(HttpServletRequest request, String name) throws Problem {
        String value = request.getParameter(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true") || value.isEmpty()) {
            return true;
        }
        throw Problem.badField(name, value, "Invalid " + name + " \"" + Identifiers.shown(value)
                + "\": true or false");
    }

    /** The path after {@code /v1}, each segment percent-decoded on its own ({@code +} stays a plus). */
    private static List<String> segments(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length() + request.getServletPath().length());
        return Arrays.stream(raw.split("/")).filter(s -> !s.isEmpty())
                .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
    }

    private static void ok(HttpServletResponse response, String json) throws IOException {
        write(response, 200, JSON, json);
    }

    static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
