package dev.kakapo.hooks.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kakapo.api.command.CommandAnswer;
import dev.kakapo.api.command.CommandRequest;
import dev.kakapo.api.hooks.LibraryHandle;
import dev.kakapo.api.net.PemTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP listener on this server's own peer URL, as Kea's dedicated HA listener: partners'
 * {@code POST}s carry one command ({@code service} accepted and ignored), answered through the
 * server's command dispatcher (lease commands, dhcp-disable, the HA commands) as a one-element
 * list. With {@code restrict-commands} (on by default, as in Kea 3) any other command gets 403.
 * Unlike Kea, it checks the basic-auth credentials configured for this server.
 */
final class PeerListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerListener.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingHttpServer server;
    private final LibraryHandle handle;
    /**
     * What peers send each other: Kea 3's allow-list when restrict-commands is on, Kakapo's
     * lease4-bulk-apply, which Kakapo peers send each other instead of lease4-update, lease4-get,
     * with which a server looks up a new client's address before its first updates (rule P13), and
     * ha-sync, with which a Kakapo server asks a backup that missed updates to catch up.
     */
    static final Set<String> PEER_COMMANDS = Set.of("list-commands", "status-get", "dhcp-disable", "dhcp-enable", "ha-reset",
            "ha-heartbeat", "lease4-update", "lease4-del", "lease4-bulk-apply", "lease4-get", "lease4-get-all",
            "lease4-get-page",
            "ha-maintenance-notify", "ha-sync-complete-notify", "ha-sync");

    private final String expectedAuthorization;
    private final boolean restrictCommands;

    PeerListener(PeerConfig self, boolean restrictCommands, boolean requireClientCerts, LibraryHandle handle) throws IOException {
        this.handle = handle;
        this.expectedAuthorization = self.basicAuth();
        this.restrictCommands = restrictCommands;
        InetSocketAddress address = new InetSocketAddress(self.url().getHost(), self.url().getPort());
        SSLContext tls = self.tls() == null ? null : PemTls.context(Path.of(self.tls().certFile()),
                Path.of(self.tls().keyFile()), Path.of(self.tls().trustAnchor()));
        this.server = new BlockingHttpServer(address, tls, requireClientCerts, "kakapo-ha-listener", this::unauthorized,
                this::serve);
        LOG.info("HA_LISTENER_STARTED peer commands on {}", self.url());
    }

    /** 401 before the body is read, when this server has credentials and the request does not carry them. */
    private BlockingHttpServer.Response unauthorized(Map<String, String> headers) {
        if (expectedAuthorization == null || expectedAuthorization.equals(headers.get("authorization"))) {
            return null;
        }
        return new BlockingHttpServer.Response(401, Map.of("WWW-Authenticate", "Basic realm=\"kea-dhcpv4-server\""),
                error(401, "Unauthorized"));
    }

    private BlockingHttpServer.Response serve(BlockingHttpServer.Request exchange) {
        JsonNode request;
        try {
            request = JSON.readTree(exchange.body());
        } catch (IOException e) {
            return new BlockingHttpServer.Response(400, error(400, "Bad Request"));
        }
        if (restrictCommands && (request == null || !PEER_COMMANDS.contains(request.path("command").asText()))) {
            return new BlockingHttpServer.Response(403, error(403, "Forbidden"));
        }
        ArrayNode answer = JsonNodeFactory.instance.arrayNode();
        answer.add(dispatch(request).toJson());
        return new BlockingHttpServer.Response(200, answer.toString());
    }

    private static String error(int status, String text) {
        return JsonNodeFactory.instance.objectNode().put("result", status).put("text", text).toString();
    }

    private CommandAnswer dispatch(JsonNode request) {
        if (request == null || !request.isObject() || !request.path("command").isTextual()) {
            return CommandAnswer.error("Error during command processing: Invalid command Element specified, expected map");
        }
        for (Iterator<String> keys = request.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("command") && !key.equals("arguments") && !key.equals("service") && !key.equals("remote-address")) {
                return CommandAnswer.error("Error during command processing: Received command contains unsupported parameter '"
                        + key + "'");
            }
        }
        return handle.execute(new CommandRequest(request.get("command").asText(), request.get("arguments")));
    }

    @Override
    public void close() {
        server.close();
    }
}
