package dev.kakapo.server.classify;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * The classes one query belongs to, in the order it joined them (Kea's priority order: the
 * first class that sets an option, a field or a lifetime wins), with the facts about the query
 * that class tests read.
 */
public final class ClientClasses implements PacketFacts {

    private final DhcpPacket query;
    private final String interfaceName;
    private final Ipv4Address sourceAddress;
    private final Ipv4Address destinationAddress;
    private final List<String> names = new ArrayList<>(4);

    /** An empty set for {@code query}, which came in on {@code interfaceName} from {@code source} to {@code destination}. */
    public ClientClasses(DhcpPacket query, String interfaceName, Ipv4Address source, Ipv4Address destination) {
        this.query = query;
        this.interfaceName = interfaceName;
        this.sourceAddress = source;
        this.destinationAddress = destination;
    }

    @Override
    public DhcpPacket query() {
        return query;
    }

    @Override
    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public Ipv4Address sourceAddress() {
        return sourceAddress;
    }

    @Override
    public Ipv4Address destinationAddress() {
        return destinationAddress;
    }

    @Override
    public boolean member(String className) {
        // A handful of classes per packet: a list beats a hash set here.
        return names.contains(className);
    }

    /** Whether the query belongs to at least one of {@code classes}. */
    public boolean memberOfAny(Collection<String> classes) {
        for (String name : classes) {
            if (names.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Puts the query in {@code className}, after the classes it already has; a second add changes nothing. */
    public void add(String className) {
        if (!names.contains(className)) {
            names.add(className);
        }
    }

    /** The classes, in the order the query joined them. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
