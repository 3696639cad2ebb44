/**
 * What the registry and the core report for the node's metrics, and the metrics bundle counts.
 */
@Export
@Version("1.0.0")
package io.shimhost.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
