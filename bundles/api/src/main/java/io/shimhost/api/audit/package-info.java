/**
 * Self-checks: each invariant shimhost promises, checked live on the running node ({@code shim:audit}).
 */
@Export
@Version("1.0.0")
package io.shimhost.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
