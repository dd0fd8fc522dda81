package dev.kakapo.server.lab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code kakapo lab} tells the seed article's story on loopback: five server processes, Kakapo's
 * own load on the three subnets, "Kea 3" (primary in B, standby in C) killed and restarted.
 * Only B and C fail over; A never notices; no acknowledged lease is lost; every process stops.
 */
class LabIT {

    @TempDir
    Path dir;

    @Test
    void killingKea3FailsOverItsTwoRelationshipsAloneAndLosesNoLease() throws Exception {
        List<String> args = new ArrayList<>(List.of("--kill", "kea-3", "--duration", "3", "--rate", "150",
                "--port", "10167", "--dir", dir.resolve("lab").toString()));
        SeedFiles.writeTo(dir).forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Lab.run(args, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String story = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

        assertEquals(0, status, story);
        assertTrue(story.contains("killed kea-3 (SIGKILL); it was answering subnets [2]"), story);
        assertTrue(story.contains("server3 down"), story);
        assertTrue(story.contains("server4 partner-down"), "B fails over to the hub:\n" + story);
        assertTrue(story.contains("server6 partner-down"), "C's primary goes on alone:\n" + story);
        assertFalse(story.contains("server2 partner-down") || story.contains("server1 partner-down"), "A is untouched:\n" + story);
        assertTrue(story.matches("(?s).*time to take over: \\d+\\.\\d s.*"), story);
        assertTrue(story.matches("(?s).*time to resync after the restart: \\d+\\.\\d s.*"), story);
        assertTrue(story.contains("acknowledged leases lost: 0"), story);
        assertTrue(story.contains("stopped every server the lab started"), story);
        for (String server : SeedFiles.NAMES) {
            assertTrue(story.matches("(?s).*\\n  " + server + " +\\d+ +\\d+ +0\\n.*"), server + " misses no lease:\n" + story);
        }
    }
}
