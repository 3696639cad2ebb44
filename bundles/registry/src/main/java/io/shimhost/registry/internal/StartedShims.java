package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.shimhost.api.ShimProcess;

/** The table of shims the registry started, by token, oldest first. */
final class StartedShims {

    private final Map<String, ShimProcess> byToken = new LinkedHashMap<>();

    synchronized boolean contains(String token) {
        return byToken.containsKey(token);
    }

    synchronized void add(ShimProcess shim) {
        byToken.put(shim.token(), shim);
    }

    synchronized List<ShimProcess> all() {
        return new ArrayList<>(byToken.values());
    }

    /** By token first; a decimal number that is no token is taken as a pid (the newest shim with it). */
    synchronized Optional<ShimProcess> find(String idOrPid) {
        ShimProcess byId = byToken.get(idOrPid);
        if (byId != null) {
            return Optional.of(byId);
        }
        long pid = parsePid(idOrPid);
        if (pid <= 0) {
            return Optional.empty();
        }
        ShimProcess found = null;
        for (ShimProcess shim : byToken.values()) {
            if (shim.pid() == pid) {
                found = shim;
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
