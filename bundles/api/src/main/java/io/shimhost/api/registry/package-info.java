/**
 * The shim registry: which shim types are deployed, starting a shim for a sandbox by its type,
 * and the durable table of shims started, which outlives restarts of the framework.
 */
@Export
@Version("1.2.0")
package io.shimhost.api.registry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
