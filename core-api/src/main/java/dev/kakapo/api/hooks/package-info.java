/**
 * The hook library SPI: how a library names itself, which API version it was built against and
 * whether it is safe with multi-threading. Libraries are discovered with {@link java.util.ServiceLoader}
 * and activated only when a configuration's {@code hooks-libraries} names them.
 */
package dev.kakapo.api.hooks;
