package dev.kakapo.server.dhcp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkStateTest {

    private final NetworkState state = new NetworkState();

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void aDisableAnswersOnlyOnceThePacketsAdmittedBeforeItAreHandled() throws Exception {
        assertTrue(state.admit());
        CompletableFuture<Void> disable = CompletableFuture.runAsync(() -> state.disable(2000, 0));
        Thread.sleep(200);
        assertFalse(disable.isDone(), "a packet admitted before the disable is still being handled");
        assertFalse(state.admit(), "no packet is admitted once the disable began");
        state.handled();
        disable.get(5, TimeUnit.SECONDS);
        assertFalse(state.enabled());
    }

    @Test
    void aPacketThreadThatDisablesTheServiceDoesNotWaitForItself() throws Exception {
        assertTrue(state.admit());
        long started = System.nanoTime();
        state.disable(NetworkState.USER, 0);
        assertTrue(System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(NetworkState.DRAIN_MILLIS / 2));
        state.handled();
    }

    @Test
    void enablingLetsPacketsInAgain() {
        state.disable(NetworkState.USER, 0);
        assertFalse(state.admit());
        state.enable(NetworkState.USER);
        assertTrue(state.admit());
        state.handled();
    }
}
