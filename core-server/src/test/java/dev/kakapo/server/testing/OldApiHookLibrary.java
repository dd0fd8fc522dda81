package dev.kakapo.server.testing;

import dev.kakapo.api.hooks.HookLibrary;

/** A library built against an API version this server does not provide. */
public final class OldApiHookLibrary implements HookLibrary {

    @Override
    public String name() {
        return "old-api";
    }

    @Override
    public int apiVersion() {
        return 0;
    }

    @Override
    public boolean multiThreadingCompatible() {
        return true;
    }
}
