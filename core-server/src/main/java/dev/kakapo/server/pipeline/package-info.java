/**
 * The way of a packet: receiving threads publish datagrams into a Disruptor ring of pre-allocated
 * slots; N handlers each take the packets of the clients whose hash falls to them, so one
 * client's packets are handled in order by one thread, with no locks; a full ring drops and
 * counts; a failure in one packet is logged, counted and dropped, and the pipeline goes on.
 */
package dev.kakapo.server.pipeline;
