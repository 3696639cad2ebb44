package io.shimhost.registry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.shimhost.api.registry.ShimRecord;

/**
 * The table in memory, by token, oldest first: each shim's durable row and the record handed out.
 * Every change counts up a version, so that a writer can tell whether a snapshot it wrote holds it.
 */
final class ShimTable {

    /** A shim's row as written, and its record as the registry presents it. */
    record Entry(ShimRow row, ShimRecord record) {
    }

    /** The rows at one version. */
    record Snapshot(long version, List<ShimRow> rows) {
    }

    /** A change the journal does not hold yet: the row as it is now, or the token removed. */
    record Change(long version, ShimRow row, String removed) {

        /** @return the change as a journal line */
        String line() {
            return row != null ? RowCodec.encode(row) : RowCodec.encodeRemoval(removed);
        }
    }

    private final Map<String, Entry> byToken = new LinkedHashMap<>();
    /** The tokens of the rows of each pid, oldest first: a pid is looked up without a scan. */
    private final Map<Long, Set<String>> tokensByPid = new HashMap<>();
    /** The tokens of the ended rows, in the order they ended (or were read): retention forgets from the front. */
    private final Set<String> endedOrder = new LinkedHashSet<>();
    private final Set<String> reserved = new HashSet<>();
    private final List<Change> unwritten = new ArrayList<>();
    private long version;

    /** Claims a token for a start in progress; false if a shim has it or another start claimed it. */
    synchronized boolean reserve(String token) {
        return !byToken.containsKey(token) && reserved.add(token);
    }

    synchronized void release(String token) {
        reserved.remove(token);
    }

    /** Adds an entry, or replaces the one with its token in place. */
    synchronized long put(Entry entry) {
        reserved.remove(entry.row().token());
        index(byToken.put(entry.row().token(), entry), entry);
        unwritten.add(new Change(++version, entry.row(), null));
        return version;
    }

    /** Replaces an entry if it is still there; returns the new version, or -1 if it was gone. */
    synchronized long update(String token, UnaryOperator<Entry> change) {
        Entry entry = byToken.get(token);
        if (entry == null) {
            return -1;
        }
        Entry changed = change.apply(entry);
        index(byToken.put(token, changed), changed);
        unwritten.add(new Change(++version, changed.row(), null));
        return version;
    }

    synchronized long remove(String token) {
        index(byToken.remove(token), null);
        unwritten.add(new Change(++version, null, token));
        return version;
    }

    /** @return the version of the last change */
    synchronized long version() {
        return version;
    }

    /** @return the number of rows */
    synchronized int size() {
        return byToken.size();
    }

    /** @return the changes the journal does not hold yet, oldest first */
    synchronized List<Change> unwritten() {
        return new ArrayList<>(unwritten);
    }

    /** The journal holds every change up to {@code version} now. */
    synchronized void written(long version) {
        unwritten.removeIf(c -> c.version() <= version);
    }

    synchronized Optional<Entry> get(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    synchronized List<Entry> entries() {
        return new ArrayList<>(byToken.values());
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(version, byToken.values().stream().map(Entry::row).toList());
    }

    /**
     * By token first; a decimal number that is no token is taken as a pid (the newest shim with it),
     * 0 and -1 too: the pids a noop and a built-in shim report.
     */
    synchronized Optional<Entry> find(String idOrPid) {
        Entry byId = byToken.get(idOrPid);
        if (byId != null) {
            return Optional.of(byId);
        }
        Long pid = parsePid(idOrPid);
        if (pid == null) {
            return Optional.empty();
        }
        Set<String> tokens = tokensByPid.get(pid);
        String newest = null;
        for (String token : tokens == null ? Set.<String>of() : tokens) {
            newest = token;
        }
        return Optional.ofNullable(newest).map(byToken::get);
    }

    /**
     * Removes the ended rows the retention does not keep, oldest first.
     *
     * @return the entries removed, each a change the journal does not hold yet
     */
    synchronized List<Entry> expire(Retention retention, Instant now) {
        List<Entry> removed = new ArrayList<>();
        while (!endedOrder.isEmpty()) {
            Entry oldest = byToken.get(endedOrder.iterator().next());
            if (endedOrder.size() <= retention.count() && !retention.tooOld(oldest.row().endedAt(), now)) {
                break;
            }
            removed.add(oldest);
            remove(oldest.row().token()); // and from the order of ends
        }
        return removed;
    }

    /** Keeps the pid index and the order of ends: the row that was replaced or removed, and the one now there. */
    private void index(Entry was, Entry now) {
        boolean endedNow = now != null && now.row().state() == ShimRow.State.ENDED;
        if (was != null && !endedNow) {
            endedOrder.remove(was.row().token());
        }
        if (endedNow) {
            endedOrder.add(now.row().token());
        }
        if (was != null && (now == null || was.row().pid() != now.row().pid())) {
            Set<String> tokens = tokensByPid.get(was.row().pid());
            tokens.remove(was.row().token());
            if (tokens.isEmpty()) {
                tokensByPid.remove(was.row().pid());
            }
        }
        if (now != null) {
            tokensByPid.computeIfAbsent(now.row().pid(), p -> new LinkedHashSet<>()).add(now.row().token());
        }
    }

    /** @return the pid a text names, or null: decimal digits, or -1 */
    private static Long parsePid(String text) {
        if ("-1".equals(text)) {
            return -1L;
        }
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(text);
    }
}
