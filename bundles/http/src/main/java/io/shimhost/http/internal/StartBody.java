package io.shimhost.http.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.shimhost.api.Identifiers;
import io.shimhost.api.NamespaceRef;
import io.shimhost.api.NamespaceType;
import io.shimhost.api.ResourceLimits;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.ShimException;
import io.shimhost.api.ShimParams;
import io.shimhost.api.ShimType;

/**
 * {@code POST /v1/shims}: the start request, every option {@code shim:start} has, named in
 * camelCase as {@code shim:ps --format json} names things. Each value is data of the type its
 * field documents; a field of another type, or a field that is not one of these, is refused
 * with a 400 naming it. Without {@code sandbox} the sandbox is the container's, or {@code api}.
 */
record StartBody(SandboxConfig sandbox, ShimParams params) {

    static final Set<String> FIELDS = Set.of("type", "id", "container", "sandbox", "url", "console", "consoleUrl",
            "terminal", "detach", "log", "pid", "newNamespaces", "enterNamespaces", "config", "env", "cgroup", "memory",
            "pids", "cpuWeight");

    static StartBody of(Map<String, Object> body) throws Problem, ShimException {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw Problem.badField(field, null, "Unknown field \"" + Identifiers.shown(field)
                        + "\": a start takes " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String type = text(body, "type");
        if (type == null) {
            throw Problem.badField("type", null, "Field \"type\" is required: the shim type, see GET /v1/types");
        }
        ShimParams.Builder params = ShimParams.builder();
        String container = text(body, "container");
        if (container != null) {
            params.container(Identifiers.check("container", container));
        }
        String id = text(body, "id");
        if (id != null) {
            params.token(Identifiers.check("id", nonEmpty("id", id)));
        }
        params.url(text(body, "url")).consoleUrl(text(body, "consoleUrl"))
                .terminal(flag(body, "terminal")).detach(flag(body, "detach"));
        String console = text(body, "console");
        if (console != null) {
            params.console(Path.of(nonEmpty("console", console)));
        }
        String log = text(body, "log");
        if (log != null) {
            params.outputLog(Path.of(nonEmpty("log", log))).detach(true);
        }
        if (body.get("pid") != null) {
            params.pid(pid("pid", body.get("pid")));
        }
        namespaces(body, params);
        params.cgroup(text(body, "cgroup")).limits(new ResourceLimits(
                ResourceLimits.parseMemory("memory", body.get("memory") == null ? null : scalar("memory", body.get("memory"), true)),
                ResourceLimits.parsePids("pids", whole(body, "pids")),
                ResourceLimits.parseCpuWeight("cpuWeight", whole(body, "cpuWeight"))));
        for (Map.Entry<String, Object> e : object(body, "env").entrySet()) {
            params.environment(e.getKey(), scalar("env." + e.getKey(), e.getValue(), false));
        }
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object(body, "config").entrySet()) {
            config.put(e.getKey(), scalar("config." + e.getKey(), e.getValue(), true));
        }
        ShimParams built = params.build();
        String sandbox = text(body, "sandbox");
        String sandboxId = sandbox != null ? Identifiers.check("sandbox", nonEmpty("sandbox", sandbox))
                : built.container().isEmpty() ? "api" : built.container();
        return new StartBody(SandboxConfig.of(sandboxId, ShimType.parse(type), config), built);
    }

    private static void namespaces(Map<String, Object> body, ShimParams.Builder params) throws Problem, ShimException {
        Object created = body.get("newNamespaces");
        if (created != null) {
            if (!(created instanceof List<?> names)) {
                throw wrongType("newNamespaces", created, "an array of namespace types");
            }
            for (Object name : names) {
                if (!(name instanceof String)) {
                    throw wrongType("newNamespaces", name, "an array of namespace types");
                }
                params.createNamespace(NamespaceType.parse((String) name));
            }
        }
        for (Map.Entry<String, Object> e : object(body, "enterNamespaces").entrySet()) {
            String field = "enterNamespaces." + e.getKey();
            if (!(e.getValue() instanceof String target)) {
                throw wrongType(field, e.getValue(), "a path, or pid:PID");
            }
            NamespaceType ns = NamespaceType.parse(e.getKey());
            params.enterNamespace(target.startsWith("pid:") ? NamespaceRef.ofPid(ns, pid(field, target.substring(4)))
                    : NamespaceRef.ofPath(ns, Path.of(target)));
        }
    }

    private static String text(Map<String, Object> body, String field) throws Problem {
        Object value = body.get(field);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(field, value, "a string");
    }

    /** A whole number, as JSON gives it; null when absent. */
    private static String whole(Map<String, Object> body, String field) throws Problem {
        Object value = body.get(field);
        if (value == null || value instanceof Integer || value instanceof Long) {
            return value == null ? null : value.toString();
        }
        throw wrongType(field, value, "a whole number");
    }

    private static boolean flag(Map<String, Object> body, String field) throws Problem {
        Object value = body.get(field);
        if (value == null || value instanceof Boolean) {
            return Boolean.TRUE.equals(value);
        }
        throw wrongType(field, value, "true or false");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> body, String field) throws Problem {
        Object value = body.get(field);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map) {
            return (Map<String, Object>) value;
        }
        throw wrongType(field, value, "an object");
    }

    /** A configuration value may be a string, a number or a boolean; an environment value only a string. */
    private static String scalar(String field, Object value, boolean anyScalar) throws Problem {
        if (value instanceof String text) {
            return text;
        }
        if (anyScalar && (value instanceof Boolean || value instanceof BigInteger || value instanceof Integer
                || value instanceof Long || value instanceof BigDecimal)) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        throw wrongType(field, value, anyScalar ? "a string, number or boolean" : "a string");
    }

    private static long pid(String field, Object value) throws Problem {
        try {
            long pid = value instanceof String text ? Long.parseLong(text)
                    : value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : -1;
            if (pid >= 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Problem.badField(field, value, "Invalid pid " + shown(value) + " for " + field
                + ": a pid is a whole number, 0 or more");
    }

    private static String nonEmpty(String field, String value) throws Problem {
        if (value.isEmpty()) {
            throw Problem.badField(field, value, "Field \"" + field + "\" cannot be empty");
        }
        return value;
    }

    private static Problem wrongType(String field, Object value, String expected) {
        return Problem.badField(field, value, "Invalid " + field + " " + shown(value) + ": expected " + expected);
    }

    private static String shown(Object value) {
        return value instanceof String text ? "\"" + Identifiers.shown(text) + "\"" : String.valueOf(value);
    }
}
