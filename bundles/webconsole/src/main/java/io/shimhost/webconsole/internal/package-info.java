/** The shimhost pages of the Felix Web Console. */
package io.shimhost.webconsole.internal;
