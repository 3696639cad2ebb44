package io.shimhost.shell.internal;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Output a command writes as it goes, line by line, rather than as one string: a list of 10,000
 * shims reaches the client while it is written, and is never held whole a second time.
 */
interface Streamed {

    /** Writes the output, ending with a line break. */
    void printTo(PrintStream out) throws IOException;
}
