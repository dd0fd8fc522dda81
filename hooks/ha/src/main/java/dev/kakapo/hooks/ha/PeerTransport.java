package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.command.CommandAnswer;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** How a relationship talks to its peers: {@link PeerClient} over HTTP, a scripted partner in tests. */
interface PeerTransport {

    /**
     * The peer's answer to {@code command}.
     *
     * @throws IOException when the peer cannot be reached or its answer is not one Kea would accept
     */
    CommandAnswer send(PeerConfig peer, String command, JsonNode arguments, Duration timeout) throws IOException;

    /** Sends {@code command} without waiting; the future fails as {@link #send} throws. */
    CompletableFuture<CommandAnswer> sendAsync(PeerConfig peer, String command, JsonNode arguments, Duration timeout);
}
