package io.shimhost.webconsole.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ProcessService;
import io.shimhost.api.registry.OutputTail;
import io.shimhost.api.registry.ShimRecord;
import io.shimhost.api.registry.ShimRegistry;
import io.shimhost.json.ShimJson;
import io.shimhost.json.ShimVerbs;
import io.shimhost.json.VerbRefusedException;

/**
 * The Web Console's {@code shims} page: the table, live, and one shim ({@code ?id=}) with its output log
 * and its actions. What the page shows it reads from {@code shims/*.json}, in the JSON every door writes;
 * what it does it posts to {@code shims} with {@link ActionToken}, through the verbs every door shares
 * ({@link ShimActions}).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + ShimsPage.LABEL,
    "felix.webconsole.title=Shims",
    "felix.webconsole.category=shimhost"
})
public final class ShimsPage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String LABEL = "shims";
    private static final int LOG_LINES = 100;

    private final transient ShimRegistry registry;
    private final transient ActionToken token = new ActionToken(new SecureRandom());
    private final transient LiveFeed feed;
    private final transient ShimActions actions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProcessService processes;

    @Activate
    public ShimsPage(@Reference ShimRegistry registry, BundleContext context) {
        this.registry = registry;
        this.feed = new LiveFeed(context);
        this.actions = new ShimActions(new ShimVerbs(registry), token);
    }

    @Deactivate
    void deactivate() {
        feed.close();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        switch (subPath(request)) {
            case "", "/" -> page(request, response);
            case "/table.json" -> json(response, 200, table());
            case "/inspect.json" -> inspect(request, response);
            case "/log.txt" -> log(request, response);
            case "/running.svg" -> send(response, 200, "image/svg+xml", RunningChart.svg(RunningChart.counts(registry.table(),
                    Instant.now())));
            case "/shims.js" -> send(response, 200, "text/javascript", Html.resource("shims.js"));
            case "/events.stream" -> events(response);
            default -> send(response, 404, "text/plain", "No page " + request.getRequestURI());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ShimActions.Answer answer = actions.run(request);
        json(response, answer.status(), answer.json());
    }

    /** The path below the page's label, whether the console gives it with the label or without. */
    private static String subPath(HttpServletRequest request) {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        return path.startsWith("/" + LABEL) ? path.substring(LABEL.length() + 1) : path;
    }

    private void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        String html = id == null ? Html.template("shims.html", Map.of("token", token.value()))
                : Html.template("shim.html", Map.of("token", token.value(), "id", id));
        response.getWriter().write(html);
    }

    private String table() throws IOException {
        List<ShimRecord> table = registry.table();
        ByteArrayOutputStream array = new ByteArrayOutputStream();
        ShimJson.writeShims(array, table);
        String shims = array.toString(StandardCharsets.UTF_8).strip();
        String stats = ShimJson.stats(ShimJson.usages(table, processes));
        return "{\"shims\":" + shims + ",\"stats\":" + stats + ",\"time\":\"" + Instant.now() + "\"}";
    }

    private void inspect(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            json(response, 200, ShimJson.inspect(actions.verbs().find(request.getParameter("id")), processes));
        } catch (VerbRefusedException e) {
            json(response, 404, ShimActions.problem(e.getMessage()));
        }
    }

    private void log(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            ShimRecord record = actions.verbs().find(request.getParameter("id"));
            int lines = OutputTail.lines("lines", request.getParameter("lines") == null ? Integer.toString(LOG_LINES)
                    : request.getParameter("lines"));
            Path log = record.outputLog().orElse(null);
            byte[] tail = log == null ? "(this shim has no output log: its output went where it was started)\n"
                    .getBytes(StandardCharsets.UTF_8) : new OutputTail(log).last(lines);
            response.setStatus(200);
            response.setContentType("text/plain;charset=utf-8");
            response.getOutputStream().write(tail);
        } catch (VerbRefusedException e) {
            send(response, 404, "text/plain", e.getMessage());
        } catch (InvalidParameterException e) {
            send(response, 400, "text/plain", e.getMessage());
        }
    }

    private void events(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(LiveFeed.MEDIA_TYPE);
        OutputStream out = response.getOutputStream();
        try {
            feed.stream(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away: the end of its stream
        }
    }

    private static void json(HttpServletResponse response, int status, String json) throws IOException {
        send(response, status, "application/json", json);
    }

    private static void send(HttpServletResponse response, int status, String type, String body) throws IOException {
        response.setStatus(status);
        response.setContentType(type + ";charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
