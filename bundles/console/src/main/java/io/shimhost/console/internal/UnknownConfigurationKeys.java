package io.shimhost.console.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.shimhost.api.Shim;

/**
 * The keys of the operator's configuration files that no component reads: a typo such as
 * {@code retention.cout} would otherwise be ignored without a word. A file's keys are compared with
 * the Metatype description of its PID, where a bundle describes it (shim types refuse unknown keys
 * at each start themselves).
 */
final class UnknownConfigurationKeys {

    /** Keys Configuration Admin, FileInstall and the launcher set themselves. */
    private static final Set<String> OWN_KEYS = Set.of("service.pid", "service.factoryPid", "service.bundleLocation",
            "felix.fileinstall.filename", LauncherFolders.PLACEHOLDER);

    private UnknownConfigurationKeys() {
    }

    /** @return one line per file with keys nobody reads, naming them and the keys there are */
    static List<String> in(List<Path> files, BundleContext context, ConfigurationAdmin admin, MetaTypeService metaTypes)
            throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            Configuration[] found;
            try {
                found = admin.listConfigurations("(felix.fileinstall.filename="
                        + LauncherFolders.escape(file.toFile().toURI().toString()) + ")");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException("filter for " + file, e);
            }
            if (found == null || found[0].getProperties() == null) {
                continue;
            }
            Configuration configuration = found[0];
            String pid = configuration.getFactoryPid() != null ? configuration.getFactoryPid() : configuration.getPid();
            Set<String> known = knownKeys(pid, context, metaTypes);
            if (known.isEmpty() || shimType(pid, context)) {
                continue;
            }
            Set<String> unknown = new TreeSet<>(Collections.list(configuration.getProperties().keys()));
            unknown.removeAll(known);
            unknown.removeAll(OWN_KEYS);
            if (!unknown.isEmpty()) {
                problems.add(file + ": " + (unknown.size() == 1 ? "unknown key " : "unknown keys ")
                        + String.join(", ", unknown) + ", which nothing reads; " + pid + " knows " + String.join(", ", known));
            }
        }
        return problems;
    }

    /** A shim type's configuration is checked by the registry at every start, with keys for every type besides. */
    private static boolean shimType(String pid, BundleContext context) {
        try {
            return context.getServiceReferences(Shim.class.getName(), "(" + Shim.CONFIG + "="
                    + LauncherFolders.escape(pid) + ")") != null;
        } catch (InvalidSyntaxException e) {
            return true;
        }
    }

    private static Set<String> knownKeys(String pid, BundleContext context, MetaTypeService metaTypes) {
        Set<String> keys = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = metaTypes.getMetaTypeInformation(bundle);
            if (information == null || !(Arrays.asList(information.getPids()).contains(pid)
                    || Arrays.asList(information.getFactoryPids()).contains(pid))) {
                continue;
            }
            ObjectClassDefinition definition = information.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attributes = definition.getAttributeDefinitions(ObjectClassDefinition.ALL);
            if (attributes != null) {
                Arrays.stream(attributes).map(AttributeDefinition::getID).forEach(keys::add);
            }
        }
        return keys;
    }
}
