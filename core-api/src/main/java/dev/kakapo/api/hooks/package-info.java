/**
 * The hook SDK: a {@link dev.kakapo.api.hooks.HookLibrary} names itself, says which API version it
 * was built against and whether it is safe with multi-threading, and on load registers
 * {@link dev.kakapo.api.hooks.Callout}s at Kea's {@link dev.kakapo.api.hooks.HookPoint}s and
 * control commands through its {@link dev.kakapo.api.hooks.LibraryHandle}. Libraries are
 * discovered with {@link java.util.ServiceLoader} and activated only when a configuration's
 * {@code hooks-libraries} names them.
 */
package dev.kakapo.api.hooks;
