package io.shimhost.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts per second through the HTTP API: CLIENTS connections at once, each starting STARTS
 * short-lived kataShims (PROGRAM as the kata-shim binary, detached) one after the other, every
 * start recorded durably by the registry; each client then waits for its last shim to end, unless
 * WAIT is false (shims that stay up). EXTRA, a JSON fragment, is added to each start's body
 * ({@code , "memory": "64M"}). Usage: java ... ApiStartsBench SOCKET PROGRAM CLIENTS STARTS PREFIX
 * [WAIT [EXTRA]]; prints starts per second.
 */
public final class ApiStartsBench {

    private ApiStartsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        String program = args[1];
        int clients = Integer.parseInt(args[2]);
        int starts = Integer.parseInt(args[3]);
        String prefix = args[4];
        boolean wait = args.length < 6 || Boolean.parseBoolean(args[5]);
        String extra = args.length > 6 ? args[6] : "";
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            done.add(pool.submit(() -> {
                try (UnixHttp http = new UnixHttp(socket)) {
                    String last = null;
                    for (int i = 0; i < starts; i++) {
                        last = prefix + "-" + client + "-" + i;
                        UnixHttp.Answer answer = http.call("POST", "/v1/shims", "{\"type\": \"kataShim\", \"id\": \""
                                + last + "\", \"container\": \"bench\", \"url\": \"unix:///run/agent.sock\", "
                                + "\"detach\": true, \"config\": {\"path\": \"" + program + "\"}" + extra + "}");
                        if (answer.status() != 201) {
                            throw new IllegalStateException(new String(answer.body(), StandardCharsets.UTF_8));
                        }
                    }
                    if (wait) {
                        http.call("POST", "/v1/shims/" + last + "/wait?timeout=60", null);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        System.out.printf("%d clients x %d starts through the API: %.0f starts/s%n", clients, starts,
                clients * starts / seconds);
    }
}
