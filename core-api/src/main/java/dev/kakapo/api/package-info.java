/**
 * Kakapo's SDK: what a hook author or an embedder compiles against.
 *
 * <p>{@link dev.kakapo.api.packet} holds the DHCPv4 codec, {@link dev.kakapo.api.options} Kea's
 * option definitions and the conversion of Kea {@code option-data} text into wire bytes,
 * {@link dev.kakapo.api.net} the address value types and {@link dev.kakapo.api.hooks} the hook
 * library SPI. Nothing in this module depends on the server's internals.
 */
package dev.kakapo.api;
