package io.shimhost.core.internal;

/**
 * Waits that must not be cut short: a child spawned meanwhile must not be left unsupervised. An
 * interrupt meanwhile is kept for the caller, not acted on.
 */
final class Uninterruptibly {

    /** A wait that an interrupt can break off. */
    @FunctionalInterface
    interface Wait<T, E extends Exception> {
        T run() throws InterruptedException, E;
    }

    private Uninterruptibly() {
    }

    /** @return what the wait returned, once it returned without an interrupt */
    static <T, E extends Exception> T get(Wait<T, E> wait) throws E {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return wait.run();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void join(Thread thread) {
        get(() -> {
            thread.join();
            return null;
        });
    }

    static void await(java.util.concurrent.CountDownLatch latch) {
        get(() -> {
            latch.await();
            return null;
        });
    }
}
