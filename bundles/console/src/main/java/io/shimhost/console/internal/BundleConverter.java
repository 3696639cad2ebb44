package io.shimhost.console.internal;

import org.apache.felix.service.command.Converter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Lets framework commands take bundles by id, as in Karaf and in Felix's own shell
 * ({@code headers 30}, {@code update 30}, {@code uninstall 30}): Gogo asks Converter services to turn
 * an argument into the {@link Bundle} a command wants. Felix's shell bundle, which brings one, is
 * not in the launcher. An id no bundle has is left unconverted, and the command says so.
 */
@Component(service = Converter.class, property = Converter.CONVERTER_CLASSES + "=org.osgi.framework.Bundle")
public final class BundleConverter implements Converter {

    private final BundleContext context;

    @Activate
    public BundleConverter(BundleContext context) {
        this.context = context;
    }

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        if (desiredType != Bundle.class || in == null) {
            return null;
        }
        String text = in.toString().strip();
        if (!text.matches("[0-9]{1,18}")) {
            return null;
        }
        return context.getBundle(Long.parseLong(text));
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        return null; // Gogo's own formatting of bundles stays as it is
    }
}
