package dev.kakapo.server.testing;

import java.nio.file.Path;

/** The command line that runs a test helper's {@code main} in a JVM of its own, with the tests' class path. */
public final class JavaCommand {

    private JavaCommand() {
    }

    public static String[] of(Class<?> main, String... args) {
        String[] command = new String[4 + args.length];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        command[1] = "-cp";
        command[2] = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        command[3] = main.getName();
        System.arraycopy(args, 0, command, 4, args.length);
        return command;
    }
}
