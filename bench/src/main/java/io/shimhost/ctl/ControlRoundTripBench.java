package io.shimhost.ctl;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A command's round trip over the daemon's control socket, from a client already connected:
 * the line sent until its outcome frame is read (the output included). Usage: java ...
 * ControlRoundTripBench SOCKET COMMAND ROUNDS; prints the median and the 99th percentile in ms.
 */
public final class ControlRoundTripBench {

    private ControlRoundTripBench() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String command = args[1];
        int rounds = Integer.parseInt(args[2]);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        double[] millis = new double[rounds];
        try (ControlConnection connection = ControlConnection.open(socket)) {
            for (int i = 0; i < Math.min(200, rounds); i++) {
                connection.run(command, discard); // warm-up, on both sides
            }
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                if (connection.run(command, discard).isPresent()) {
                    throw new IllegalStateException(command + " failed");
                }
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf("%s: median %.3f ms, p99 %.3f ms (%d round trips)%n", command, millis[rounds / 2],
                millis[(int) Math.ceil(rounds * 0.99) - 1], rounds);
    }
}
