/**
 * The JSON every adapter writes (the shell's {@code --format json}, the HTTP API): one shape for
 * each kind of thing, so that what a script reads from one door it reads from every other.
 */
@Export
@Version("1.1.0")
package io.shimhost.json;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
