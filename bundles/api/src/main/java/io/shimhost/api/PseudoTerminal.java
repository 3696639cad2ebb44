package io.shimhost.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A pseudo-terminal: the caller holds the master side, and the slave device is what a shim gets
 * as its console ({@link ShimParams.Builder#console(Path)}), becoming its controlling terminal.
 */
@ProviderType
public interface PseudoTerminal extends AutoCloseable {

    /** @return the slave device, e.g. {@code /dev/pts/3} */
    Path slave();

    /** @return what the programs on the slave side write; ends when the last of them closes it */
    InputStream input();

    /** @return what the programs on the slave side read */
    OutputStream output();

    /** Closes the master side; programs on the slave side get a hang-up. */
    @Override
    void close() throws IOException;
}
