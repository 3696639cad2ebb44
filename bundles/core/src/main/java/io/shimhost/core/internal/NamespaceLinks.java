package io.shimhost.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import io.shimhost.api.NamespaceType;

/** Reads the namespaces of a process (or thread) from its {@code ns} folder in /proc: links like {@code net:[4026531840]}. */
final class NamespaceLinks {

    private NamespaceLinks() {
    }

    /** The inode of each namespace type found in the folder; missing or unreadable ones are left out. */
    static Map<NamespaceType, Long> read(Path nsFolder) {
        Map<NamespaceType, Long> inodes = new EnumMap<>(NamespaceType.class);
        for (NamespaceType type : NamespaceType.values()) {
            try {
                String target = Files.readSymbolicLink(nsFolder.resolve(type.procName())).toString();
                int open = target.indexOf('[');
                int close = target.indexOf(']');
                if (open >= 0 && close > open) {
                    inodes.put(type, Long.parseLong(target.substring(open + 1, close)));
                }
            } catch (IOException | NumberFormatException | UnsupportedOperationException e) {
                // the kernel lacks that namespace type, or the process is gone
            }
        }
        return inodes;
    }
}
