package io.shimhost.registry.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the table keeps shims that ended: at most {@code count} of them, none that ended more
 * than {@code age} ago. Running, starting, unverified and lost shims are never forgotten by it:
 * the table stays as large as what runs plus {@code count}.
 *
 * @param count how many ended shims are kept, 0 or more
 * @param age how long an ended shim is kept; {@link Duration#ZERO} for no age limit
 */
record Retention(int count, Duration age) {

    /** What an operator who set nothing gets: a day's or a thousand ends, whichever is fewer. */
    static final Retention DEFAULT = new Retention(1000, Duration.ofDays(1));

    Retention {
        if (count < 0) {
            throw new IllegalArgumentException("retention.count " + count + " is negative: give 0 or more");
        }
        if (age.isNegative()) {
            throw new IllegalArgumentException("retention.age " + age.toSeconds() + " is negative: give seconds, "
                    + "0 for no age limit");
        }
    }

    /** @return whether a shim that ended at {@code ended} is past its age at {@code now} */
    boolean tooOld(Instant ended, Instant now) {
        return !age.isZero() && ended.plus(age).isBefore(now);
    }
}
