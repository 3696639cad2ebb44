package io.shimhost.registry.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

import io.shimhost.api.InvalidParameterException;
import io.shimhost.api.SandboxConfig;
import io.shimhost.api.registry.ShimConfigEntry;

/**
 * Finds each type's configuration schema, the Metatype object class of the PID its service names
 * ({@code shim.config}), and its configured values in Configuration Admin; applies them to starts.
 * A type that names no PID takes no configuration. Without a Metatype service nothing can be
 * checked: a start's configuration then goes to the shim as given.
 */
final class ShimConfigs {

    private final Supplier<MetaTypeService> metaTypes;
    private final Supplier<ConfigurationAdmin> configurations;

    /**
     * @param metaTypes the Metatype service now, or null
     * @param configurations Configuration Admin now, or null
     */
    ShimConfigs(Supplier<MetaTypeService> metaTypes, Supplier<ConfigurationAdmin> configurations) {
        this.metaTypes = metaTypes;
        this.configurations = configurations;
    }

    /** @return the sandbox with its shim configuration replaced by the type's effective one */
    SandboxConfig effective(ShimOffer offer, SandboxConfig sandbox) throws InvalidParameterException {
        if (!offer.configPid().isEmpty() && metaTypes.get() == null) {
            return sandbox;
        }
        Map<String, Object> effective = schema(offer).effective(configured(offer), sandbox.shimConfig());
        return SandboxConfig.of(sandbox.id(), sandbox.shimType(), effective);
    }

    /** @return the type's keys with their defaults, current values and origins */
    List<ShimConfigEntry> entries(ShimOffer offer) throws InvalidParameterException {
        return schema(offer).entries(configured(offer));
    }

    /** @return the type's keys as a start of this sandbox gets them; empty when they cannot be read */
    List<ShimConfigEntry> entries(ShimOffer offer, SandboxConfig sandbox) throws InvalidParameterException {
        if (!offer.configPid().isEmpty() && metaTypes.get() == null) {
            return List.of();
        }
        return schema(offer).entries(configured(offer), sandbox.shimConfig());
    }

    private ShimConfigSchema schema(ShimOffer offer) throws InvalidParameterException {
        if (offer.configPid().isEmpty()) {
            return new ShimConfigSchema(offer.type(), List.of());
        }
        ObjectClassDefinition ocd = ocd(offer);
        if (ocd == null) {
            throw new InvalidParameterException(offer.type().toString(), offer.configPid(), offer.type() + " names its "
                    + "configuration " + offer.configPid() + " (" + io.shimhost.api.Shim.CONFIG + "), but "
                    + offer.bundleSymbolicName() + " " + offer.bundleVersion() + " describes no such Metatype object "
                    + "class: its configuration cannot be checked (see README, \"Writing a shim\")");
        }
        List<ConfigKey> keys = new ArrayList<>();
        AttributeDefinition[] attributes = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
        for (AttributeDefinition a : attributes == null ? new AttributeDefinition[0] : attributes) {
            keys.add(new ConfigKey(a.getID(), valueType(a), a.getCardinality() != 0,
                    a.getDefaultValue() == null ? List.of() : List.of(a.getDefaultValue()),
                    a.getDescription() == null ? "" : a.getDescription()));
        }
        return new ShimConfigSchema(offer.type(), keys);
    }

    /** The object class, or null: none described, or the bundle went while it was read (Metatype then fails). */
    private ObjectClassDefinition ocd(ShimOffer offer) {
        MetaTypeService service = metaTypes.get();
        if (service == null || offer.bundle() == null) {
            return null;
        }
        try {
            MetaTypeInformation info = service.getMetaTypeInformation(offer.bundle());
            return info == null ? null : info.getObjectClassDefinition(offer.configPid(), null);
        } catch (RuntimeException e) {
            return null; // IllegalArgumentException: no such PID; others: the bundle is going
        }
    }

    /** A PID as a filter's value: the filter syntax's own characters escaped. */
    private static String escaped(String pid) {
        return pid.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }

    private static ConfigKey.ValueType valueType(AttributeDefinition a) {
        return switch (a.getType()) {
            case AttributeDefinition.BOOLEAN -> ConfigKey.ValueType.BOOLEAN;
            case AttributeDefinition.INTEGER -> ConfigKey.ValueType.INTEGER;
            case AttributeDefinition.LONG -> ConfigKey.ValueType.LONG;
            case AttributeDefinition.DOUBLE -> ConfigKey.ValueType.DOUBLE;
            case AttributeDefinition.FLOAT -> ConfigKey.ValueType.FLOAT;
            case AttributeDefinition.SHORT -> ConfigKey.ValueType.SHORT;
            case AttributeDefinition.BYTE -> ConfigKey.ValueType.BYTE;
            case AttributeDefinition.CHARACTER -> ConfigKey.ValueType.CHARACTER;
            default -> ConfigKey.ValueType.STRING;
        };
    }

    private ShimConfigSchema.Configured configured(ShimOffer offer) throws InvalidParameterException {
        ConfigurationAdmin admin = configurations.get();
        if (offer.configPid().isEmpty() || admin == null) {
            return new ShimConfigSchema.Configured(Map.of(), offer.configPid(), null);
        }
        try {
            Configuration[] found = admin.listConfigurations("(service.pid=" + escaped(offer.configPid()) + ")");
            Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
            if (properties == null) {
                return new ShimConfigSchema.Configured(Map.of(), offer.configPid(), null);
            }
            Map<String, Object> map = new java.util.HashMap<>();
            Collections.list(properties.keys()).forEach(k -> map.put(k, properties.get(k)));
            Object file = map.get("felix.fileinstall.filename");
            return new ShimConfigSchema.Configured(map, offer.configPid(), file == null ? null : file.toString());
        } catch (IOException | InvalidSyntaxException e) {
            throw new InvalidParameterException(offer.type().toString(), offer.configPid(), "Cannot read the "
                    + "configuration " + offer.configPid() + " of " + offer.type() + ": " + e.getMessage());
        }
    }
}
