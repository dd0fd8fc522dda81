package dev.kakapo.server.net;

import dev.kakapo.server.config.InterfacesConfig;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Opens the sockets {@code interfaces-config} asks for. */
public final class Listeners {

    private Listeners() {
    }

    /**
     * Opens one socket per entry; {@code *} opens one per interface that is up, has an IPv4
     * address and is not the loopback. On failure, closes what it opened.
     *
     * @throws IOException naming the entry that could not be opened
     */
    public static List<Listener> open(InterfacesConfig config, int port) throws IOException {
        List<Listener> opened = new ArrayList<>();
        try {
            for (InterfacesConfig.Interface entry : config.interfaces()) {
                if (entry.isWildcard()) {
                    for (String name : allIpv4Interfaces()) {
                        opened.add(Listener.onDevice(name, port));
                    }
                } else if (entry.address() != null) {
                    opened.add(Listener.onAddress(entry.name(), entry.address(), port));
                } else {
                    opened.add(Listener.onDevice(entry.name(), port));
                }
            }
            return opened;
        } catch (IOException | RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** Closes every listener, ignoring failures (called when something else already failed). */
    public static void closeAll(List<Listener> listeners) {
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException ignored) {
                // the original failure is what matters
            }
        }
    }

    private static List<String> allIpv4Interfaces() throws IOException {
        List<String> names = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()
                    && Collections.list(nic.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address)) {
                names.add(nic.getName());
            }
        }
        return names;
    }
}
