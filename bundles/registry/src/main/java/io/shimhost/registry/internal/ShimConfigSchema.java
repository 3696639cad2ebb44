package io.shimhost.registry.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimType;
import io.shimhost.api.registry.ShimConfigEntry;

/**
 * A shim type's configuration as its service declares it, applied by the registry to every start
 * of the type: the effective configuration is the declared defaults, then the configured values
 * (the type's {@code .cfg} file), then the start's overrides, each checked and converted to the
 * key's type. An override of an unknown key is refused with the valid keys; the configured values
 * may hold other properties (service.pid, …), which are not the shim's.
 */
final class ShimConfigSchema {

    private final ShimType type;
    private final Map<String, ConfigKey> keys = new TreeMap<>();

    ShimConfigSchema(ShimType type, List<ConfigKey> keys) {
        this.type = type;
        keys.forEach(k -> this.keys.put(k.key(), k));
    }

    /**
     * The type's configuration in Configuration Admin: its properties (none when there is no
     * configuration), its PID, and the file it was read from (FileInstall's URL), if any.
     */
    record Configured(Map<String, Object> properties, String pid, String file) {

        /** @return where a configured value comes from: the file's path, or the configuration's PID */
        String origin() {
            if (file == null) {
                return "configuration " + pid;
            }
            try {
                return java.nio.file.Path.of(java.net.URI.create(file)).toString();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return file;
            }
        }

        /** @return the configuration as an error names it */
        String named() {
            return "configuration " + pid + (file == null ? "" : " in " + file);
        }
    }

    /**
     * @return every key with its typed value for a start with {@code overrides}
     * @throws InvalidParameterException naming the key: an unknown override, a value of the wrong
     *         type, or a configured value of the wrong type (naming the configuration's origin too)
     */
    Map<String, Object> effective(Configured configured, Map<String, ?> overrides) throws InvalidParameterException {
        Map<String, Object> effective = configuredValues(configured);
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            ConfigKey key = keys.get(e.getKey());
            if (key == null) {
                throw new InvalidParameterException(e.getKey(), e.getValue(), "Unknown " + type + " config key \""
                        + e.getKey() + "\": " + (keys.isEmpty() ? type + " takes no configuration"
                        : "known keys are " + String.join(", ", keys.keySet())));
            }
            try {
                effective.put(key.key(), key.convert(e.getValue()));
            } catch (ConfigKey.BadValue bad) {
                throw new InvalidParameterException(key.key(), e.getValue(), type + " " + bad.getMessage());
            }
        }
        return effective;
    }

    /** @return each key: type, default, current value and its origin, description */
    List<ShimConfigEntry> entries(Configured configured) throws InvalidParameterException {
        return entries(configured, Map.of());
    }

    /** @return each key as a start with {@code overrides} gets it; an override's origin is {@code --config} */
    List<ShimConfigEntry> entries(Configured configured, Map<String, ?> overrides) throws InvalidParameterException {
        Map<String, Object> current = effective(configured, overrides);
        List<ShimConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : keys.values()) {
            String origin = overrides.containsKey(key.key()) ? "--config"
                    : configured.properties().containsKey(key.key()) ? configured.origin() : "default";
            entries.add(new ShimConfigEntry(key.key(), key.typeName(), key.description(), ConfigKey.show(declared(key)),
                    ConfigKey.show(current.get(key.key())), origin));
        }
        return entries;
    }

    private Map<String, Object> configuredValues(Configured configured) throws InvalidParameterException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey key : keys.values()) {
            Object given = configured.properties().get(key.key());
            try {
                values.put(key.key(), given == null ? declared(key) : key.convert(given));
            } catch (ConfigKey.BadValue bad) {
                throw new InvalidParameterException(key.key(), given, type + " is deployed but its configuration is "
                        + "invalid: " + configured.named() + ": " + type + " " + bad.getMessage());
            }
        }
        return values;
    }

    private Object declared(ConfigKey key) throws InvalidParameterException {
        try {
            return key.defaultValue();
        } catch (ConfigKey.BadValue bad) {
            throw new InvalidParameterException(key.key(), key.defaults(), type + " declares a default that is not of "
                    + "its key's type: " + bad.getMessage());
        }
    }
}
