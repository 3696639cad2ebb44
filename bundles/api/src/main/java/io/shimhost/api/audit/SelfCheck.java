package io.shimhost.api.audit;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks invariants of the node, live. Register as a service (whiteboard): {@code shim:audit} runs
 * every one. A check must be quick (a second at most) and must not change anything.
 */
@ConsumerType
public interface SelfCheck {

    /** @return the outcome of each invariant this service checks, in a stable order */
    List<CheckResult> run();
}
