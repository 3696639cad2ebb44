package io.shimhost.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * A request's round trip over the HTTP API from a client already connected (keep-alive): sent
 * until the whole answer is read. Usage: java ... ApiRoundTripBench SOCKET PATH ROUNDS; prints
 * the median and the 99th percentile in ms, as ControlRoundTripBench does for the control socket.
 */
public final class ApiRoundTripBench {

    private ApiRoundTripBench() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String path = args[1];
        int rounds = Integer.parseInt(args[2]);
        double[] millis = new double[rounds];
        try (UnixHttp http = new UnixHttp(socket)) {
            for (int i = 0; i < Math.min(200, rounds); i++) {
                http.call("GET", path, null); // warm-up, on both sides
            }
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                if (http.call("GET", path, null).status() != 200) {
                    throw new IllegalStateException("GET " + path + " failed");
                }
                millis[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(millis);
        System.out.printf("GET %s: median %.3f ms, p99 %.3f ms (%d round trips)%n", path, millis[rounds / 2],
                millis[(int) Math.ceil(rounds * 0.99) - 1], rounds);
    }
}
