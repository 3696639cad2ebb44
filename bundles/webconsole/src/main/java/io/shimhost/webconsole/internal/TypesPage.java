package io.shimhost.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.shimhost.api.ShimException;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimConfigEntry;
import io.shimhost.api.registry.ShimRegistry;

/**
 * The Web Console's {@code shim-types} page: each deployed shim type with its configuration schema (the
 * keys its Metatype declares, their types, defaults and the values set), as {@code shim:types} and
 * {@code shim:config} show them.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=shim-types",
    "felix.webconsole.title=Shim types",
    "felix.webconsole.category=shimhost"
})
public final class TypesPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient ShimRegistry registry;

    @Activate
    public TypesPage(@Reference ShimRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        PrintWriter out = response.getWriter();
        out.println("<div id=\"shimhost-types\">");
        if (registry.deployedTypes().isEmpty()) {
            out.println("<p class=\"statline ui-state-highlight\">No shim type is deployed: install a shim bundle.</p>");
        }
        for (ShimType type : registry.deployedTypes()) {
            out.println("<h2 class=\"type\">" + Html.escape(type) + "</h2>");
            try {
                table(out, type);
            } catch (ShimException e) {
                out.println("<p class=\"error\">" + Html.escape(e.getMessage()) + "</p>");
            }
        }
        out.println("</div>");
    }

    private void table(PrintWriter out, ShimType type) throws ShimException {
        out.println("<table class=\"nicetable\" data-type=\"" + Html.escape(type) + "\"><thead><tr><th>Key</th><th>Type</th>"
                + "<th>Default</th><th>Value</th><th>Description</th></tr></thead><tbody>");
        for (ShimConfigEntry entry : registry.configuration(type)) {
            out.println("<tr><td class=\"key\">" + Html.escape(entry.key()) + "</td><td>" + Html.escape(entry.type())
                    + "</td><td>" + Html.escape(entry.defaultValue()) + "</td><td class=\"value\">"
                    + Html.escape(entry.value()) + "</td><td>" + Html.escape(entry.description()) + "</td></tr>");
        }
        out.println("</tbody></table>");
    }
}
