package io.shimhost.conformance;

/** The rules of the shim contract the suite checks, each named in a failure. */
public enum Rule {

    /** The bundle registers a Shim service whose {@code shim.type} is a valid type name, and the registry deploys it. */
    TYPE_PROPERTY("the shim.type property"),
    /** The type's configuration can be read, and a start with a key it does not declare is refused. */
    CONFIG_SCHEMA("the configuration schema"),
    /** A start returns a handle of the declared type, with the start's container and id. */
    HANDLE("the handle a start returns"),
    /** A running shim runs until stopped; stop kills it, wait returns its status, running turns false. */
    STOP_WAIT_RUNNING("stop, wait and running"),
    /** A dry run launches nothing and records nothing, and plans a process exactly when a start launches one. */
    DRY_RUN("the dry run"),
    /** A process started by the shim outlives the uninstall of the bundle and stays supervised. */
    OUTLIVES_UNINSTALL("a shim outlives its bundle");

    private final String title;

    Rule(String title) {
        this.title = title;
    }

    /** @return the rule's short title, as failures name it */
    public String title() {
        return title;
    }
}
