package dev.kakapo.server.cli;

import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.server.hooks.HookLibraryCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What {@code -v} and {@code -V} print. */
public final class VersionReport {

    private VersionReport() {
    }

    /** The Kakapo version, as {@code kea-dhcp4 -v} prints Kea's. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = VersionReport.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    /** The version, the runtime, the libraries it is built on and the hook libraries it can load. */
    public static String extended(HookLibraryCatalog catalog) {
        List<String> lines = new ArrayList<>();
        lines.add(version());
        lines.add("Kakapo DHCPv4 server: reads kea-dhcp4 configurations (Kea 2.2 to 3.0)");
        lines.add("runtime: " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ") on " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch"));
        lines.add("linked with:");
        lines.add("  " + libraryVersion("LMAX Disruptor", "com.lmax.disruptor.RingBuffer"));
        lines.add("  " + libraryVersion("Chronicle Map", "net.openhft.chronicle.map.ChronicleMap"));
        lines.add("  " + libraryVersion("Jackson", "com.fasterxml.jackson.databind.ObjectMapper"));
        lines.add("hooks API version: " + HookLibrary.API_VERSION);
        lines.add("hook libraries on the class path:");
        for (HookLibrary library : catalog.providers()) {
            lines.add("  " + library.name() + (library.keaLibraryNames().isEmpty() ? ""
                    : " (for " + String.join(", ", library.keaLibraryNames()) + ")")
                    + ", API " + library.apiVersion() + (library.multiThreadingCompatible() ? ", multi-threading safe" : ""));
        }
        return String.join("\n", lines);
    }

    private static String libraryVersion(String name, String className) {
        try {
            Package pkg = Class.forName(className, false, VersionReport.class.getClassLoader()).getPackage();
            String version = pkg.getImplementationVersion();
            return name + " " + (version == null ? "(version not recorded in its jar)" : version);
        } catch (ClassNotFoundException | LinkageError e) {
            return name + " (not on the class path)";
        }
    }
}
