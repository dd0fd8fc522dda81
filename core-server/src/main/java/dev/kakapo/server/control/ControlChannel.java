package dev.kakapo.server.control;

import dev.kakapo.server.config.ControlSocketConfig;
import dev.kakapo.server.config.Dhcp4Config;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The control sockets a configuration asks for, kept in step with the configuration served:
 * sockets it no longer names are closed, new ones opened, unchanged ones left alone (so a
 * {@code config-set} arriving on a socket can be answered on it).
 */
public final class ControlChannel implements AutoCloseable {

    private final CommandDispatcher dispatcher;
    private final Map<Path, UnixControlSocket> unixSockets = new HashMap<>();
    private final Map<ControlSocketConfig, HttpControlSocket> httpSockets = new HashMap<>();

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
        Map<ControlSocketConfig, Boolean> wantedHttp = new HashMap<>();
        for (ControlSocketConfig socket : config.controlSockets()) {
            if ("unix".equals(socket.type())) {
                wanted.put(Path.of(socket.socketName()).toAbsolutePath(), socket);
            } else {
                wantedHttp.put(socket, true);
            }
        }
        httpSockets.entrySet().removeIf(open -> {
            if (!wantedHttp.containsKey(open.getKey())) {
                open.getValue().close();
                return true;
            }
            return false;
        });
        for (ControlSocketConfig socket : wantedHttp.keySet()) {
            if (!httpSockets.containsKey(socket)) {
                httpSockets.put(socket, new HttpControlSocket(socket, dispatcher));
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
        httpSockets.values().forEach(HttpControlSocket::close);
        httpSockets.clear();
    }
}
