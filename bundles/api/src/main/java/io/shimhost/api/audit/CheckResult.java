package io.shimhost.api.audit;

import java.util.List;
import java.util.Objects;

/** The outcome of checking one invariant: what is wrong, one line each, naming the pid, thread or file. */
public final class CheckResult {

    private final String name;
    private final boolean critical;
    private final List<String> problems;

    /**
     * @param name the invariant's short name, such as {@code threads}
     * @param critical whether a problem can lose shims (exits not noticed, records not kept)
     * @param problems what is wrong; empty when all is well
     */
    public CheckResult(String name, boolean critical, List<String> problems) {
        this.name = Objects.requireNonNull(name, "name");
        this.critical = critical;
        this.problems = List.copyOf(problems);
    }

    /** @return the invariant's short name */
    public String name() {
        return name;
    }

    /** @return whether a problem of this check can lose shims */
    public boolean critical() {
        return critical;
    }

    /** @return what is wrong, one line each; empty when all is well */
    public List<String> problems() {
        return problems;
    }

    /** @return whether all is well */
    public boolean ok() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return name + (ok() ? " ok" : " " + problems);
    }
}
