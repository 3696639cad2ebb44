package io.shimhost.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Component property type for a {@link Shim} component: puts its {@value Shim#TYPE} and
 * {@value Shim#CONFIG} service properties on the component. Use it beside
 * {@code @Component(service = Shim.class)}, with the configuration's object class designated:
 *
 * <pre>
 * &#64;Component(service = Shim.class, configurationPid = MyShim.PID)
 * &#64;ShimService(type = "myShim", config = MyShim.PID)
 * &#64;Designate(ocd = MyShimConfig.class)
 * public class MyShim implements Shim { ... }
 * </pre>
 */
@ComponentPropertyType
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ShimService {

    /** Makes the property key {@code shim.type}. */
    String PREFIX_ = "shim.";

    /** @return the shim type name, matching {@value ShimType#SYNTAX} */
    String type();

    /**
     * @return the PID whose Metatype object class (in the same bundle) declares the type's
     *         configuration; empty for a type that takes none, whose starts refuse every key
     */
    String config() default "";
}
