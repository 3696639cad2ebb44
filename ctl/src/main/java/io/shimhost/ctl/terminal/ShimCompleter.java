package io.shimhost.ctl.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * JLine's completion from {@code shim:complete}, which knows each command's syntax and the node:
 * the words of the line up to the cursor go to it, quoted, and each line it prints is a candidate,
 * in its order. A candidate ending in {@code /}, {@code =}, {@code ,} or {@code :} is not finished,
 * so no space follows it. A completion that fails offers nothing. Shared by the launcher's shell,
 * which embeds this package, and {@code ctl}'s.
 */
public final class ShimCompleter implements Completer {

    /** Runs a command line and returns what it printed. */
    public interface Runner {
        /**
         * @param line a Gogo command line
         * @return what it printed
         * @throws Exception if it could not be run
         */
        String run(String line) throws Exception;
    }

    private final Runner runner;

    /** @param runner runs {@code shim:complete} where the shim commands are: a session, or the daemon */
    public ShimCompleter(Runner runner) {
        this.runner = runner;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        words.add(line.word().substring(0, Math.min(line.wordCursor(), line.word().length())));
        int order = 0;
        for (String value : of(words)) {
            boolean finished = !(value.endsWith("/") || value.endsWith("=") || value.endsWith(",") || value.endsWith(":"));
            candidates.add(new Candidate(value, value, null, null, null, null, finished, order++));
        }
    }

    /** The candidates {@code shim:complete} prints for these words. */
    List<String> of(List<String> words) {
        try {
            return runner.run(line(words)).lines().filter(l -> !l.isEmpty()).toList();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** Each word as a Gogo string, so that Gogo hands it over as it is. */
    static String line(List<String> words) {
        return "shim:complete " + words.stream()
                .map(w -> "\"" + w.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$") + "\"")
                .collect(Collectors.joining(" "));
    }
}
