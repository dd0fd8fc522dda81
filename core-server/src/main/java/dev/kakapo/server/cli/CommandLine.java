package dev.kakapo.server.cli;

import java.util.List;

/**
 * The parsed arguments of {@code kakapo-dhcp4}, the same flags as {@code kea-dhcp4}.
 *
 * @param action     what to do
 * @param configFile the file of {@code -c} or {@code -t}, or null
 * @param debug      {@code -d}: debug logging
 * @param serverPort {@code -p}: the port to listen on (67)
 * @param clientPort {@code -P}: the port to answer clients on (68)
 */
record CommandLine(Action action, String configFile, boolean debug, int serverPort, int clientPort) {

    /** What the command was asked to do. */
    enum Action {
        /** {@code -c FILE}: serve. */
        RUN,
        /** {@code -t FILE}: check the configuration and exit. */
        CHECK,
        /** {@code -v}: print the version. */
        VERSION,
        /** {@code -V}: print the extended version. */
        EXTENDED_VERSION
    }

    static final String USAGE = String.join("\n",
            "Usage: kakapo-dhcp4 -[v|V] [-d] [-{c|t} cfgfile] [-p number] [-P number]",
            "  -v: print version number and exit",
            "  -V: print extended version and exit",
            "  -d: debug mode with extra verbosity (former -v)",
            "  -c file: specify configuration file",
            "  -t file: check the configuration file syntax and exit",
            "  -p number: specify non-standard server port number 1-65535 (useful for testing only)",
            "  -P number: specify non-standard client port number 1-65535 (useful for testing only)");

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException with a sentence saying what is wrong
     */
    static CommandLine parse(List<String> args) {
        Action action = null;
        String file = null;
        boolean debug = false;
        int serverPort = 67;
        int clientPort = 68;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-v":
                    action = choose(action, Action.VERSION);
                    break;
                case "-V":
                    action = choose(action, Action.EXTENDED_VERSION);
                    break;
                case "-d":
                    debug = true;
                    break;
                case "-c":
                case "-t":
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("-")) {
                        throw new IllegalArgumentException("option " + arg + " needs a configuration file");
                    }
                    action = choose(action, arg.equals("-c") ? Action.RUN : Action.CHECK);
                    file = args.get(++i);
                    break;
                case "-p":
                case "-P":
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option " + arg + " needs a port number");
                    }
                    int port = port(arg, args.get(++i));
                    if (arg.equals("-p")) {
                        serverPort = port;
                    } else {
                        clientPort = port;
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (action == null) {
            throw new IllegalArgumentException("no configuration file given: use -c FILE to run or -t FILE to check");
        }
        return new CommandLine(action, file, debug, serverPort, clientPort);
    }

    private static int port(String flag, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("option " + flag + " needs a port number from 1 to 65535, got '" + text + "'");
    }

    private static Action choose(Action current, Action wanted) {
        if (current != null && current != wanted) {
            throw new IllegalArgumentException("choose one of -c, -t, -v and -V");
        }
        return wanted;
    }
}
