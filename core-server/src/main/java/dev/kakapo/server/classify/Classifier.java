package dev.kakapo.server.classify;

import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.packet.DhcpPacket;
import dev.kakapo.server.config.ClientClassConfig;
import dev.kakapo.server.config.ReservationConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts queries in classes in Kea's phases: {@link #classify} before subnet selection (ALL, the
 * vendor class, every test that does not depend on KNOWN/UNKNOWN), {@link #afterHostLookup} once
 * the reservation is known (KNOWN or UNKNOWN, the host's classes, the tests that depend on
 * them), and {@link #evaluateAdditional} for the classes a pool, subnet or shared network asks for.
 */
public final class Classifier {

    private static final Logger LOG = LoggerFactory.getLogger(Classifier.class);
    /** The class every query belongs to. */
    public static final String ALL = "ALL";
    /** The class of queries from clients with a host reservation. */
    public static final String KNOWN = "KNOWN";
    /** The class of queries from clients without one. */
    public static final String UNKNOWN = "UNKNOWN";
    /** The class whose queries are dropped. */
    public static final String DROP = "DROP";
    private static final String VENDOR_CLASS_PREFIX = "VENDOR_CLASS_";

    private final List<ClientClassConfig> early = new ArrayList<>();
    private final List<ClientClassConfig> late = new ArrayList<>();
    private final Map<String, ClientClassConfig> byName = new HashMap<>();

    /** Orders {@code classes} (configuration order) into the phases they are evaluated in. */
    public Classifier(List<ClientClassConfig> classes) {
        Set<String> dependOnKnown = new HashSet<>();
        for (ClientClassConfig c : classes) {
            byName.put(c.name(), c);
            Expression test = c.expression();
            boolean afterLookup = test != null && test.referencedClasses().stream()
                    .anyMatch(n -> n.equals(KNOWN) || n.equals(UNKNOWN) || dependOnKnown.contains(n));
            if (afterLookup) {
                dependOnKnown.add(c.name());
            }
            if (c.additional() || test == null) {
                continue; // on demand only, or joined only through reservations and additional lists
            }
            (afterLookup ? late : early).add(c);
        }
    }

    /** Whether any class is configured at all (when none, queries carry only ALL and KNOWN/UNKNOWN). */
    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The configured class of this name, or null (built-in classes have none unless configured). */
    public ClientClassConfig definition(String name) {
        return byName.get(name);
    }

    /** The first phase: ALL, VENDOR_CLASS_ from option 60, and the tests that need no host reservation. */
    public ClientClasses classify(DhcpPacket query, String interfaceName, Ipv4Address source, Ipv4Address destination) {
        ClientClasses classes = new ClientClasses(query, interfaceName, source, destination);
        classes.add(ALL);
        query.vendorClassIdentifier().ifPresent(vendor -> classes.add(VENDOR_CLASS_PREFIX + vendor));
        evaluate(early, classes);
        return classes;
    }

    /** The second phase: KNOWN or UNKNOWN, the reservation's classes, then the tests that depend on them. */
    public void afterHostLookup(ClientClasses classes, ReservationConfig host) {
        classes.add(host != null ? KNOWN : UNKNOWN);
        if (host != null) {
            host.clientClasses().forEach(classes::add);
        }
        evaluate(late, classes);
    }

    /**
     * The additional classes a pool, subnet or shared network lists, in that order: a class
     * without a test is joined outright, one with a test when it holds.
     */
    public void evaluateAdditional(ClientClasses classes, List<String> names) {
        for (String name : names) {
            ClientClassConfig c = byName.get(name);
            if (c == null) {
                LOG.debug("EVAL_ADDITIONAL_CLASS_UNDEFINED additional class '{}' is not defined; skipped", name);
            } else if (c.expression() == null || holds(c, classes)) {
                classes.add(name);
            }
        }
    }

    private static void evaluate(List<ClientClassConfig> phase, ClientClasses classes) {
        for (ClientClassConfig c : phase) {
            if (holds(c, classes)) {
                classes.add(c.name());
            }
        }
    }

    private static boolean holds(ClientClassConfig c, ClientClasses classes) {
        try {
            return c.expression().holds(classes);
        } catch (RuntimeException e) {
            // Tests are checked when the configuration loads; a failure here is a bug, not a reason to lose the packet.
            LOG.warn("EVAL_RESULT_FAILED class '{}': '{}' could not be evaluated; taken as false", c.name(), c.test(), e);
            return false;
        }
    }
}
