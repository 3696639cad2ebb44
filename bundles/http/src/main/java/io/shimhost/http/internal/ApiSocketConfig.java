package io.shimhost.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Where the HTTP API listens. The daemon writes this configuration when it starts (a script run
 * and the interactive launcher write none, so they open no API).
 */
@ObjectClassDefinition(name = "shimhost HTTP API", description = "The node's HTTP/JSON API on a Unix-domain socket")
@interface ApiSocketConfig {

    /** The configuration PID. */
    String PID = "io.shimhost.http";

    @AttributeDefinition(description = "absolute path of the API's Unix-domain socket")
    String socket();
}
