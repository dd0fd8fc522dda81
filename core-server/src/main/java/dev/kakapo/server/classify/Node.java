package dev.kakapo.server.classify;

/**
 * A parsed part of an expression. Kea's language has two kinds of value: byte strings (option
 * contents, literals, the results of functions) and booleans (comparisons, existence tests,
 * class membership); the parser checks every operator gets the kind it needs.
 */
sealed interface Node {

    /** A part that yields bytes. */
    @FunctionalInterface
    non-sealed interface Bytes extends Node {
        byte[] value(PacketFacts facts);
    }

    /** A part that yields true or false. */
    @FunctionalInterface
    non-sealed interface Bool extends Node {
        boolean holds(PacketFacts facts);
    }
}
