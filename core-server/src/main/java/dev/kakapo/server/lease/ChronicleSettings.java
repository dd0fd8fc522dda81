package dev.kakapo.server.lease;

/**
 * Makes Chronicle quiet before anything touches it: no usage analytics (no call to the internet)
 * and no start-up banner, even for an embedder who did not pass jvm.options.
 */
final class ChronicleSettings {

    private ChronicleSettings() {
    }

    static void quiet() {
        if (System.getProperty("chronicle.analytics.disable") == null) {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        if (System.getProperty("chronicle.announcer.disable") == null) {
            System.setProperty("chronicle.announcer.disable", "true");
        }
    }
}
