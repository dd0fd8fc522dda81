/**
 * Client classification as Kea does it: {@code test} expressions in Kea's expression language,
 * compiled once when a configuration is loaded, and the classes a packet belongs to, worked out
 * in Kea's phases (before subnet selection, after the host reservation lookup, and on demand for
 * the classes a pool, subnet or shared network lists as additional).
 */
package dev.kakapo.server.classify;
