/**
 * Kea's DHCPv4 option definitions and the conversion of Kea {@code option-data} text into the
 * bytes an option carries on the wire: {@link dev.kakapo.api.options.StandardOptionDefinitions}
 * knows every standard option by name and code, {@link dev.kakapo.api.options.OptionDataEncoder}
 * turns {@code "data"} into bytes as Kea does.
 */
package dev.kakapo.api.options;
