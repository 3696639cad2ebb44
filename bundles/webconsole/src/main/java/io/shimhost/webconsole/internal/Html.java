package io.shimhost.webconsole.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Text made safe for HTML, and the pages' templates, which are bundle resources beside this class. */
final class Html {

    private Html() {
    }

    /**
     * @param text any text, or null
     * @return the text with {@code & < > " '} escaped, safe in an element and in a quoted attribute
     */
    static String escape(Object text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : text.toString().toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * @param name a resource beside this class
     * @param values what replaces each {@code ${key}}, escaped
     * @return the template filled in
     */
    static String template(String name, Map<String, String> values) {
        String text = resource(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", escape(e.getValue()));
        }
        return text;
    }

    /** @return a resource beside this class, as text */
    static String resource(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks its resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
