/**
 * Control commands as Kea's control channel carries them: a {@link dev.kakapo.api.command.CommandRequest}
 * in, a {@link dev.kakapo.api.command.CommandAnswer} with Kea's result codes out. Hook libraries
 * add commands by registering a {@link dev.kakapo.api.command.CommandHandler}.
 */
package dev.kakapo.api.command;
