package io.shimhost.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Function;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.shimhost.api.ShimException;
import io.shimhost.api.audit.CheckResult;
import io.shimhost.api.audit.SelfCheck;
import io.shimhost.shell.internal.CommandSyntax.Parsed;

/**
 * {@code shim:audit}: runs every self-check of the node and prints one line per check, {@code ok}
 * or {@code FAIL} with one line per problem; it fails (status 1 in a script or through ctl) when
 * any check does.
 */
@Component(service = Function.class)
@GogoCommand(scope = "shim", function = "audit")
public final class AuditCommand extends ShimCommand {

    static final CommandSyntax SYNTAX = new CommandSyntax("audit",
            "check, live, every invariant the node promises: one line per check, and a failure if any fails",
            List.of(), List.of());

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<SelfCheck> checks = List.of();

    public AuditCommand() {
        super(SYNTAX);
    }

    @Override
    Object run(Parsed line) throws Exception {
        List<String> failed = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (SelfCheck check : checks) {
            for (CheckResult result : check.run()) {
                if (result.ok()) {
                    report.append("ok    ").append(result.name()).append('\n');
                } else {
                    failed.add(result.name());
                    String severity = result.critical() ? "FAIL  " : "WARN  ";
                    result.problems().forEach(p -> report.append(severity).append(result.name()).append(": ").append(p)
                            .append('\n'));
                }
            }
        }
        System.out.print(report);
        System.out.flush();
        if (!failed.isEmpty()) {
            throw new ShimException("audit: " + failed.size() + (failed.size() == 1 ? " check" : " checks")
                    + " found problems: " + String.join(", ", failed));
        }
        return "";
    }

    /** For {@code help shim:audit}, which lists the methods named like the command; runs it too. */
    @Descriptor("check, live, every invariant the node promises: one line per check, and a failure if any fails")
    public void audit(@Descriptor("see shim:audit --help") String... args) throws Exception {
        execute(null, List.of((Object[]) args));
    }
}
