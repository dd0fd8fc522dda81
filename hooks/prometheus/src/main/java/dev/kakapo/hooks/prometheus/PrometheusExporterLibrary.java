package dev.kakapo.hooks.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kakapo.api.hooks.HookLibrary;
import dev.kakapo.api.hooks.LibraryHandle;

/**
 * Serves the server's statistics and every HA relationship's state on {@code /metrics} in the
 * Prometheus text format, by running {@code statistic-get-all} and {@code status-get} through
 * the SDK at each scrape: Kea's statistics under the names ISC's Stork agent uses, plus what
 * Stork lacks (HA state, scopes, partner contact, clock skew, unacked clients; the service's
 * disabled state and the rings' occupancy).
 *
 * <pre>
 * "hooks-libraries": [{
 *     "library": "prometheus",
 *     "parameters": {"address": "127.0.0.1", "port": 9547}
 * }]
 * </pre>
 */
public final class PrometheusExporterLibrary implements HookLibrary {

    private MetricsEndpoint endpoint;

    /** Made by the server for each configuration that names the library. */
    public PrometheusExporterLibrary() {
    }

    @Override
    public String name() {
        return "prometheus";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    /** Scrapes run commands, which the server serialises: nothing of the library runs on packet threads. */
    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }

    @Override
    public void check(JsonNode parameters) {
        ExporterSettings.of(parameters);
    }

    @Override
    public void load(LibraryHandle handle) throws Exception {
        endpoint = new MetricsEndpoint(ExporterSettings.of(handle.parameters()), new Scrape(handle::execute)::render);
    }

    /** The port {@code /metrics} is served on (useful with port 0), or -1 before loading. */
    public int port() {
        return endpoint == null ? -1 : endpoint.port();
    }

    @Override
    public void unload() {
        if (endpoint != null) {
            endpoint.close();
            endpoint = null;
        }
    }
}
