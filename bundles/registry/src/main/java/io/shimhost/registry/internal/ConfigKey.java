package io.shimhost.registry.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * One key of a shim type's configuration schema: its value type, whether it takes a list, its
 * default and its description. Converts what an operator gives (a string from {@code --config} or a
 * {@code .cfg} file, or an already typed value) to the key's type, strictly.
 *
 * @param key the key
 * @param type the value type
 * @param list whether the key takes a list (a comma-separated string, an array or a collection)
 * @param defaults the default as strings, one per element
 * @param description what the key does
 */
record ConfigKey(String key, ValueType type, boolean list, List<String> defaults, String description) {

    /** The value types of Metatype's attribute definitions that a shim configuration may use. */
    enum ValueType {
        STRING(String.class, "a string"), BOOLEAN(Boolean.class, "a boolean (true or false)"),
        INTEGER(Integer.class, "an integer"), LONG(Long.class, "a long integer"),
        DOUBLE(Double.class, "a number"), FLOAT(Float.class, "a number"), SHORT(Short.class, "a short integer"),
        BYTE(Byte.class, "a byte"), CHARACTER(Character.class, "one character");

        final Class<?> javaType;
        final String described;

        ValueType(Class<?> javaType, String described) {
            this.javaType = javaType;
            this.described = described;
        }
    }

    /** @return the name shown for the type: {@code Boolean}, or {@code String[]} for a list */
    String typeName() {
        return type.javaType.getSimpleName() + (list ? "[]" : "");
    }

    /** @return the declared default, converted; a list's elements one by one (an element may hold a comma) */
    Object defaultValue() throws BadValue {
        return convert(list ? defaults : defaults.isEmpty() ? null : defaults.get(0));
    }

    /**
     * @return {@code value} as this key's type: an instance of it, or an array of them for a list
     * @throws BadValue if it is not one, or is missing
     */
    Object convert(Object value) throws BadValue {
        if (value == null) {
            throw new BadValue(this, null);
        }
        if (!list) {
            return element(value);
        }
        List<?> elements = value instanceof CharSequence ? split(value.toString())
                : value instanceof Collection ? new ArrayList<>((Collection<?>) value)
                : value.getClass().isArray() ? arrayElements(value) : List.of(value);
        Object array = Array.newInstance(type.javaType, elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Array.set(array, i, element(elements.get(i)));
        }
        return array;
    }

    /** @return a value of this key shown as an operator writes it: a list's elements joined with commas */
    static String show(Object value) {
        if (value != null && value.getClass().isArray()) {
            return String.join(",", arrayElements(value).stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private Object element(Object value) throws BadValue {
        if (type.javaType.isInstance(value)) {
            return value;
        }
        if (!(value instanceof CharSequence) && !(value instanceof Number && type != ValueType.BOOLEAN
                && type != ValueType.STRING && type != ValueType.CHARACTER)) {
            throw new BadValue(this, value);
        }
        String text = value.toString().trim();
        try {
            return switch (type) {
                case STRING -> value.toString();
                case BOOLEAN -> parseBoolean(text, value);
                case INTEGER -> Integer.valueOf(value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(text));
                case LONG -> Long.valueOf(value instanceof Number n ? n.longValue() : Long.parseLong(text));
                case DOUBLE -> Double.valueOf(value instanceof Number n ? n.doubleValue() : Double.parseDouble(text));
                case FLOAT -> Float.valueOf(value instanceof Number n ? n.floatValue() : Float.parseFloat(text));
                case SHORT -> Short.valueOf(value instanceof Number n ? (short) Math.toIntExact(n.longValue()) : Short.parseShort(text));
                case BYTE -> Byte.valueOf(value instanceof Number n ? (byte) Math.toIntExact(n.longValue()) : Byte.parseByte(text));
                case CHARACTER -> single(text, value);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadValue(this, value);
        }
    }

    private Boolean parseBoolean(String text, Object value) throws BadValue {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        throw new BadValue(this, value);
    }

    private Character single(String text, Object value) throws BadValue {
        if (text.length() != 1) {
            throw new BadValue(this, value);
        }
        return text.charAt(0);
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
    }

    private static List<Object> arrayElements(Object array) {
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < Array.getLength(array); i++) {
            elements.add(Array.get(array, i));
        }
        return elements;
    }

    /** A value that is not of its key's type. */
    static final class BadValue extends Exception {

        private static final long serialVersionUID = 1L;
        private final transient ConfigKey key;
        private final transient Object value;

        BadValue(ConfigKey key, Object value) {
            super("config key \"" + key.key() + "\" must be " + (key.list() ? "a list of " + key.type().javaType.getSimpleName()
                    + " (comma-separated)" : key.type().described) + ", not \"" + show(value) + "\"");
            this.key = key;
            this.value = value;
        }

        ConfigKey key() {
            return key;
        }

        Object value() {
            return value;
        }
    }
}
