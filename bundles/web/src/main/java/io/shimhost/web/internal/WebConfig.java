package io.shimhost.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the web console listens; without this configuration (conf/io.shimhost.web.cfg) it is off. */
@ObjectClassDefinition(name = "shimhost web console", description = "The Felix Web Console with the shimhost pages, "
        + "on a loopback address")
@interface WebConfig {

    /** The configuration PID. */
    String PID = "io.shimhost.web";

    @AttributeDefinition(description = "HOST:PORT to listen on; the host must be a loopback address "
            + "(127.0.0.1, [::1] or localhost)")
    String address();
}
