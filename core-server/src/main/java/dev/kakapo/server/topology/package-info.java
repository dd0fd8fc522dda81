/**
 * A whole HA deployment read from its servers' configuration files: what does not fit together
 * between them (the two sides of a relationship, subnets, listeners), and a drawing of it.
 */
package dev.kakapo.server.topology;
