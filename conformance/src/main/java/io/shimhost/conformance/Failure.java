package io.shimhost.conformance;

/**
 * A rule a shim bundle broke.
 *
 * @param rule the rule
 * @param message what was found, naming the values
 */
public record Failure(Rule rule, String message) {

    @Override
    public String toString() {
        return "rule " + rule + " (" + rule.title() + "): " + message;
    }
}
