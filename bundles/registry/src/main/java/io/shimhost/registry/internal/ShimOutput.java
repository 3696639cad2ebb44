package io.shimhost.registry.internal;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where a start's stdout and stderr go. A log file given with the start wins; else a
 * detached shim of a type whose service has an {@value #FOLDER} property (set in the type's
 * configuration, which Declarative Services publishes as service properties) writes to
 * {@code FOLDER/ID.log}. The size limit is the type's {@value #LIMIT}, else the registry's.
 */
final class ShimOutput {

    /** Service property: the folder of the type's output logs, absolute. */
    static final String FOLDER = "output.folder";
    /** Service property: the size in bytes past which a log of the type is rotated. */
    static final String LIMIT = "output.limit";
    static final long DEFAULT_LIMIT = 10L * 1024 * 1024;

    private ShimOutput() {
    }

    /**
     * @param typeOutput the serving service's output properties
     * @param defaultLimit the registry's size limit
     * @param type the type's name, for messages
     * @param create whether to create the type's folder when it is missing (not for a plan)
     * @return the log the shim's output goes to, or empty
     * @throws InvalidParameterException if the type's properties are bad, or a log is asked for a shim with a console
     */
    static Optional<OutputLog> of(ShimParams params, Map<String, Object> typeOutput, long defaultLimit, String type,
            boolean create) throws InvalidParameterException {
        long limit = limit(typeOutput.get(LIMIT), defaultLimit, type);
        if (params.outputLog().isPresent()) {
            if (params.console().isPresent()) {
                throw new InvalidParameterException("log", params.outputLog().get(), "A shim with a console writes to "
                        + "its console: give a log file or a console, not both");
            }
            return Optional.of(new OutputLog(params.outputLog().get(), limit));
        }
        Object folder = typeOutput.get(FOLDER);
        if (folder == null || String.valueOf(folder).isBlank() || !params.detach() || params.console().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new OutputLog(folder(String.valueOf(folder).strip(), type, create)
                .resolve(fileName(params.token())), limit));
    }

    /** The folder is created (0750) when missing; whether it is safe to write in is checked at the spawn. */
    private static Path folder(String value, String type, boolean create) throws InvalidParameterException {
        Path folder = Path.of(value);
        if (!folder.isAbsolute()) {
            throw new InvalidParameterException(FOLDER, value, "Invalid " + FOLDER + " \"" + value + "\" in the "
                    + "configuration of " + type + ": give an absolute path");
        }
        if (!create) {
            return folder;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        } catch (IOException e) {
            throw new InvalidParameterException(FOLDER, value, "Cannot create " + FOLDER + " " + value + " of " + type
                    + ": " + e);
        }
        return folder;
    }

    /** An id that is not a plain file name cannot name a file in the folder. */
    private static String fileName(String token) throws InvalidParameterException {
        if (token.contains("/") || token.startsWith(".")) {
            throw new InvalidParameterException("token", token, "Shim id \"" + token + "\" cannot name a log file "
                    + "(it contains '/' or starts with '.'): give another id, or a log file with --log");
        }
        return token + ".log";
    }

    private static long limit(Object value, long fallback, String type) throws InvalidParameterException {
        if (value == null || String.valueOf(value).isBlank()) {
            return fallback;
        }
        try {
            long limit = Long.parseLong(String.valueOf(value).strip());
            if (limit >= 1024) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidParameterException(LIMIT, value, "Invalid " + LIMIT + " \"" + value + "\" in the "
                + "configuration of " + type + ": give a size in bytes, 1024 or more");
    }
}
