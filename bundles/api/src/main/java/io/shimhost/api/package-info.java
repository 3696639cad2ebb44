/**
 * The shimhost API: shim types, the {@link io.shimhost.api.Shim} service that a shim bundle
 * registers, the parameters of a start, the handle of a started shim, the process service that
 * launches and supervises processes, and the exceptions.
 *
 * <p>A third-party shim bundle needs nothing but this package.
 */
@Export
@Version("1.2.0")
package io.shimhost.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
