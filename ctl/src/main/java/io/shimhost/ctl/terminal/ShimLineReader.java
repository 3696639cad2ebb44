package io.shimhost.ctl.terminal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;

/**
 * The line reader of the launcher's shell and of {@code ctl}'s session: history kept in a file
 * for the operator's eyes only, TAB completion from {@code shim:complete}.
 */
public final class ShimLineReader {

    private ShimLineReader() {
    }

    /**
     * @param terminal the terminal read from
     * @param completions runs {@code shim:complete} where the shim commands are
     * @param history the history file; created {@code 0600} when missing (it holds what was typed,
     *        an {@code --env} value, say)
     * @return the reader
     * @throws IOException if the history file cannot be created
     */
    public static LineReader of(Terminal terminal, ShimCompleter.Runner completions, Path history) throws IOException {
        if (!Files.exists(history, LinkOption.NOFOLLOW_LINKS)) {
            Files.createFile(history, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return LineReaderBuilder.builder().terminal(terminal).appName("shimhost")
                .completer(new ShimCompleter(completions)).variable(LineReader.HISTORY_FILE, history).build();
    }
}
