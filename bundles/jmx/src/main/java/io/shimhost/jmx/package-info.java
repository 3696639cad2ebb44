/**
 * The node's management interfaces in JMX: {@link io.shimhost.jmx.RegistryMXBean} and
 * {@link io.shimhost.jmx.ShimMXBean}, for JMX clients' proxies.
 */
@Version("1.0.0")
@Export
package io.shimhost.jmx;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
