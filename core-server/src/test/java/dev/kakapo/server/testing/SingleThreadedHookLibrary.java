package dev.kakapo.server.testing;

import dev.kakapo.api.hooks.HookLibrary;

/** A library that does not say it is safe with multi-threading. */
public final class SingleThreadedHookLibrary implements HookLibrary {

    @Override
    public String name() {
        return "single-threaded";
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }
}
