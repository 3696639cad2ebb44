package io.shimhost.registry.internal;

import java.lang.reflect.Array;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** A start's effective configuration as the table keeps it: each value as text, an array's items joined by commas. */
final class ConfigText {

    private ConfigText() {
    }

    static Map<String, String> of(Map<String, ?> config) {
        Map<String, String> text = new TreeMap<>();
        config.forEach((k, v) -> text.put(k, text(v)));
        return text;
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value.getClass().isArray()) {
            StringJoiner items = new StringJoiner(",");
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(String.valueOf(Array.get(value, i)));
            }
            return items.toString();
        }
        if (value instanceof Iterable<?> list) {
            StringJoiner items = new StringJoiner(",");
            list.forEach(item -> items.add(String.valueOf(item)));
            return items.toString();
        }
        return value.toString();
    }
}
