package io.shimhost.webconsole.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;

/**
 * The Web Console's {@code shim-audit} page: every self-check of the node, run now, as {@code shim:audit}
 * runs them (the same checks the Felix Health Checks of tag {@code shimhost} report).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=shim-audit",
    "felix.webconsole.title=Shim audit",
    "felix.webconsole.category=shimhost"
})
public final class AuditPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile List<SelfCheck> checks = List.of();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        PrintWriter out = response.getWriter();
        out.println("<div id=\"shimhost-audit\"><table class=\"nicetable\"><thead><tr><th>Check</th><th>Result</th>"
                + "<th>Problems</th></tr></thead><tbody>");
        int failed = 0;
        for (SelfCheck check : checks) {
            for (CheckResult result : check.run()) {
                String verdict = result.ok() ? "ok" : result.critical() ? "FAIL" : "WARN";
                failed += result.ok() ? 0 : 1;
                out.println("<tr class=\"" + verdict.toLowerCase() + "\"><td class=\"check\">" + Html.escape(result.name())
                        + "</td><td class=\"result\">" + verdict + "</td><td>"
                        + Html.escape(String.join("\n", result.problems())).replace("\n", "<br>") + "</td></tr>");
            }
        }
        out.println("</tbody></table><p class=\"statline ui-state-highlight\" id=\"verdict\">" + (failed == 0
                ? "Every check passed." : failed + (failed == 1 ? " check found" : " checks found") + " problems.")
                + "</p></div>");
    }
}
