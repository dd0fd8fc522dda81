package dev.kakapo.server.lease;

import dev.kakapo.api.net.Ipv4Address;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressBitmapTest {

    private final AddressBitmap bitmap = new AddressBitmap();

    private static Ipv4Address ip(String text) {
        return Ipv4Address.parse(text);
    }

    private void add(String... addresses) {
        for (String address : addresses) {
            bitmap.add(ip(address));
        }
    }

    @Test
    void pagesInAscendingOrderAcrossChunksFromTheLowestOrAfterAnAddress() {
        add("10.1.0.1", "0.0.0.0", "10.0.255.255", "255.255.255.255", "10.0.0.5", "192.0.2.1");
        assertEquals(List.of(ip("0.0.0.0"), ip("10.0.0.5"), ip("10.0.255.255"), ip("10.1.0.1"), ip("192.0.2.1"),
                ip("255.255.255.255")), bitmap.after(null, 100));
        assertEquals(List.of(ip("10.0.255.255"), ip("10.1.0.1")), bitmap.after(ip("10.0.0.5"), 2));
        assertEquals(List.of(ip("255.255.255.255")), bitmap.after(ip("192.0.2.1"), 10));
        assertTrue(bitmap.after(ip("255.255.255.255"), 10).isEmpty());
    }

    @Test
    void aRemovedAddressIsGoneAndItsChunkStaysUsable() {
        add("10.0.0.1", "10.0.0.2");
        bitmap.remove(ip("10.0.0.1"));
        bitmap.remove(ip("172.16.0.1")); // never added: nothing happens
        assertEquals(List.of(ip("10.0.0.2")), bitmap.after(null, 10));
        add("10.0.0.1");
        assertEquals(List.of(ip("10.0.0.1"), ip("10.0.0.2")), bitmap.after(null, 10));
    }

    @Test
    void countsARunOfTakenAddressesOverChunkEdgesUpToTheLastAddressAsked() {
        int[] run = new int[70_000];
        for (int i = 0; i < run.length; i++) {
            run[i] = ip("10.0.0.0").bits() + 10 + i;
        }
        bitmap.addAll(run, run.length);
        assertEquals(70_000, bitmap.runFrom(ip("10.0.0.10"), ip("10.255.255.255")));
        assertEquals(100, bitmap.runFrom(ip("10.0.0.10"), ip("10.0.0.109")), "no further than the last address");
        assertEquals(0, bitmap.runFrom(ip("10.0.0.9"), ip("10.0.0.200")), "starts on a free address");
        assertEquals(0, bitmap.runFrom(ip("172.16.0.0"), ip("172.16.255.255")), "a chunk never touched");
    }

    @Test
    void concurrentAddsToANewChunkAreAllKept() throws InterruptedException {
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int offset = t;
            threads[t] = new Thread(() -> {
                for (int i = offset; i < 4096; i += threads.length) {
                    bitmap.add(Ipv4Address.of(ip("10.9.0.0").bits() + i));
                }
            });
        }
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(4096, bitmap.runFrom(ip("10.9.0.0"), ip("10.9.255.255")));
    }
}
