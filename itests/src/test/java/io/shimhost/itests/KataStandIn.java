package io.shimhost.itests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The stand-in for the kata-shim binary (src/test/resources/kata-shim-standin.sh), installed as
 * an executable {@code kata-shim} in a test's folder, and the shim:start line that runs it.
 */
final class KataStandIn {

    private KataStandIn() {
    }

    /** Copies the stand-in into {@code dir}; a file {@code dir/sleep} sets how long it stays up. */
    static Path install(Path dir) throws IOException {
        Path standIn = dir.resolve("kata-shim");
        try (InputStream script = KataStandIn.class.getResourceAsStream("/kata-shim-standin.sh")) {
            Files.copy(script, standIn, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(standIn, PosixFilePermissions.fromString("rwxr-xr-x"));
        return standIn;
    }

    /** The framework's variables the stand-in reads, passed on to it (a shim gets no others). */
    static final String PASSED = "KATA_STANDIN_RECORD,KATA_STANDIN_SLEEP,KATA_STANDIN_EXIT,KATA_STANDIN_IGNORE_TERM";

    /**
     * A shim:start of kataShim with {@code options}, the agent URL Kata requires, the stand-in as
     * path, and the stand-in's variables passed on.
     */
    static String start(Path standIn, String options) {
        return "shim:start " + options + " -u unix:///run/agent.sock --config path=" + standIn
                + " --config pass.environment=" + PASSED + " kataShim";
    }

    /**
     * The body of {@code POST /v1/shims} for a detached kataShim of container {@code c-ID} whose
     * binary is {@code program}, with more fields ({@code , "memory": "64M"}) or none.
     */
    static String apiStart(String id, Path program, String moreFields) {
        return "{\"type\": \"kataShim\", \"id\": \"" + id + "\", \"container\": \"c-" + id
                + "\", \"url\": \"unix:///run/agent.sock\", \"detach\": true, \"config\": {\"path\": \"" + program
                + "\"}" + moreFields + "}";
    }
}
