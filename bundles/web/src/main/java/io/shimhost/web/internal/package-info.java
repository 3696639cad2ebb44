/** The web console's door in the executable jar: its connector and its security provider. */
package io.shimhost.web.internal;
