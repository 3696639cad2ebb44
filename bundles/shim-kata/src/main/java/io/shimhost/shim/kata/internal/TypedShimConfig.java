package io.shimhost.shim.kata.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.util.converter.ConversionException;
import org.osgi.util.converter.Converter;
import org.osgi.util.converter.Converters;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.ShimType;

/**
 * A shim type's configuration as an annotation type, with strict conversion of untyped maps
 * (Configuration Admin properties, a sandbox's shim-config map): an unknown key or a value that
 * is not of the key's type is an error that names the key. The OSGi Converter does the
 * conversion; booleans are checked first, since it reads anything but "true" as false.
 *
 * @param <A> the configuration annotation type; its element names are the keys
 */
final class TypedShimConfig<A extends Annotation> {

    private final Class<A> type;
    private final ShimType shimType;
    private final Map<String, Method> keys = new TreeMap<>();
    private final Converter converter = Converters.standardConverter();

    TypedShimConfig(Class<A> type, ShimType shimType) {
        this.type = type;
        this.shimType = shimType;
        for (Method m : type.getDeclaredMethods()) {
            keys.put(key(m), m);
        }
    }

    /**
     * Checks the known keys of a configuration that also carries other properties (service.pid,
     * component.name): their values must have the key's type.
     */
    void checkKnownKeys(Map<String, ?> properties) throws InvalidParameterException {
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            Method key = keys.get(e.getKey());
            if (key != null) {
                convert(key, e.getValue());
            }
        }
    }

    /** Returns the defaults with the overrides applied; every override key must be known. */
    A override(A defaults, Map<String, ?> overrides) throws InvalidParameterException {
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Method> key : keys.entrySet()) {
            merged.put(key.getKey(), valueOf(key.getValue(), defaults));
        }
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            Method key = keys.get(e.getKey());
            if (key == null) {
                throw new InvalidParameterException(e.getKey(), e.getValue(), "Unknown " + shimType
                        + " config key \"" + e.getKey() + "\": known keys are " + String.join(", ", keys.keySet()));
            }
            merged.put(e.getKey(), convert(key, e.getValue()));
        }
        return converter.convert(merged).to(type);
    }

    /** The property name of an element, as Declarative Services maps it: {@code pass_environment} is {@code pass.environment}. */
    private static String key(Method element) {
        return element.getName().replace("__", "\0").replace('_', '.').replace("\0", "_");
    }

    private Object convert(Method key, Object value) throws InvalidParameterException {
        Class<?> target = key.getReturnType();
        if (value == null) {
            throw wrongType(key, null);
        }
        if (target == boolean.class) {
            return toBoolean(key, value);
        }
        if (target == String.class && !(value instanceof CharSequence)) {
            throw wrongType(key, value);
        }
        try {
            return converter.convert(value).to(target);
        } catch (ConversionException | IllegalArgumentException e) {
            throw wrongType(key, value);
        }
    }

    private Boolean toBoolean(Method key, Object value) throws InvalidParameterException {
        if (value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        if (value instanceof CharSequence && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        throw wrongType(key, value);
    }

    private InvalidParameterException wrongType(Method key, Object value) {
        String expected = key.getReturnType() == boolean.class ? "a boolean (true or false)"
                : key.getReturnType() == String.class ? "a string" : "a " + key.getReturnType().getSimpleName();
        String shown = value instanceof Object[] ? Arrays.toString((Object[]) value) : String.valueOf(value);
        return new InvalidParameterException(key(key), value, shimType + " config key \"" + key(key)
                + "\" must be " + expected + ", not \"" + shown + "\"");
    }

    private static Object valueOf(Method key, Annotation config) {
        try {
            return key.invoke(config);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + key.getName() + " of " + config, e);
        }
    }
}
