package io.shimhost.api.audit;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one invariant: what is wrong, one line each, naming the pid, thread or file.
 *
 * @param name the invariant's short name, such as {@code threads}
 * @param critical whether a problem can lose shims (exits not noticed, records not kept)
 * @param problems what is wrong, one line each; empty when all is well
 */
public record CheckResult(String name, boolean critical, List<String> problems) {

    /** Copies the problems; @throws NullPointerException if the name or the problems are null */
    public CheckResult {
        Objects.requireNonNull(name, "name");
        problems = List.copyOf(problems);
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
