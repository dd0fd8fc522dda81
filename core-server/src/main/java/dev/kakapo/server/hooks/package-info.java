/** Discovery of hook libraries on the class path and in jars, and their matching to {@code hooks-libraries} entries. */
package dev.kakapo.server.hooks;
