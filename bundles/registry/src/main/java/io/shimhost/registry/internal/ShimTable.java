package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.HashSet;
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

    private final Map<String, Entry> byToken = new LinkedHashMap<>();
    private final Set<String> reserved = new HashSet<>();
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
        byToken.put(entry.row().token(), entry);
        return ++version;
    }

    /** Replaces an entry if it is still there; returns the new version, or -1 if it was gone. */
    synchronized long update(String token, UnaryOperator<Entry> change) {
        Entry entry = byToken.get(token);
        if (entry == null) {
            return -1;
        }
        byToken.put(token, change.apply(entry));
        return ++version;
    }

    synchronized long remove(String token) {
        byToken.remove(token);
        return ++version;
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

    /** By token first; a decimal number that is no token is taken as a pid (the newest shim with it). */
    synchronized Optional<Entry> find(String idOrPid) {
        Entry byId = byToken.get(idOrPid);
        if (byId != null) {
            return Optional.of(byId);
        }
        long pid = parsePid(idOrPid);
        if (pid <= 0) {
            return Optional.empty();
        }
        Entry found = null;
        for (Entry entry : byToken.values()) {
            if (entry.row().pid() == pid) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    private static long parsePid(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(text);
    }
}
