package dev.kakapo.server.control;

import dev.kakapo.server.config.ControlSocketConfig;
import dev.kakapo.server.config.Dhcp4Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The control sockets a configuration asks for, kept in step with the configuration served:
 * sockets it no longer names are closed, new ones opened, unchanged ones left alone (so a
 * {@code config-set} arriving on a socket can be answered on it). HTTP control sockets are
 * not served yet; they are reported and skipped.
 */
public final class ControlChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlChannel.class);

    private final CommandDispatcher dispatcher;
    private final Map<Path, UnixControlSocket> unixSockets = new HashMap<>();

    /** A channel answering with {@code dispatcher}. */
    public ControlChannel(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Opens and closes sockets so that those of {@code config} are served.
     *
     * @throws IOException when a socket cannot be opened (the others stay as they are)
     */
    public synchronized void apply(Dhcp4Config config) throws IOException {
        Map<Path, ControlSocketConfig> wanted = new HashMap<>();
        for (ControlSocketConfig socket : config.controlSockets()) {
            if ("unix".equals(socket.type())) {
                wanted.put(Path.of(socket.socketName()).toAbsolutePath(), socket);
            } else {
                LOG.warn("COMMAND_HTTP_SOCKET_NOT_SERVED the {} control socket on {}:{} is not served by this version; "
                        + "use the unix socket", socket.type(), socket.address(), socket.port());
            }
        }
        unixSockets.entrySet().removeIf(open -> {
            if (!wanted.containsKey(open.getKey())) {
                open.getValue().close();
                return true;
            }
            return false;
        });
        for (Path path : wanted.keySet()) {
            if (!unixSockets.containsKey(path)) {
                unixSockets.put(path, new UnixControlSocket(path, dispatcher));
            }
        }
    }

    /** Closes every socket. */
    @Override
    public synchronized void close() {
        unixSockets.values().forEach(UnixControlSocket::close);
        unixSockets.clear();
    }
}
