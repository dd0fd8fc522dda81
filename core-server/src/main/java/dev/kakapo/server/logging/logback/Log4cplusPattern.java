package dev.kakapo.server.logging.logback;

/**
 * Turns a Kea (log4cplus) {@code pattern} into a Logback one: {@code %D{...}} / {@code %d{...}}
 * with strftime fields, {@code %p}, {@code %c}, {@code %t}, {@code %i}, {@code %m}, {@code %n}
 * and a literal line feed, width modifiers kept. Kea's {@code %c} names its own loggers
 * ({@code kea-dhcp4.leases}); here it is Kakapo's logger name.
 */
final class Log4cplusPattern {

    private Log4cplusPattern() {
    }

    static String toLogback(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\n') {
                out.append("%n");
                i++;
                continue;
            }
            if (c != '%' || i + 1 >= pattern.length()) {
                out.append(c == '(' || c == ')' ? "\\" + c : String.valueOf(c));
                i++;
                continue;
            }
            int start = i + 1;
            int j = start;
            while (j < pattern.length() && (pattern.charAt(j) == '-' || pattern.charAt(j) == '.'
                    || Character.isDigit(pattern.charAt(j)))) {
                j++;
            }
            if (j >= pattern.length()) {
                out.append(pattern, i, pattern.length());
                break;
            }
            String width = pattern.substring(start, j);
            char conversion = pattern.charAt(j);
            i = j + 1;
            switch (conversion) {
                case 'D', 'd' -> {
                    String format = "%Y-%m-%d %H:%M:%S.%q";
                    if (i < pattern.length() && pattern.charAt(i) == '{') {
                        int close = pattern.indexOf('}', i);
                        if (close > 0) {
                            format = pattern.substring(i + 1, close);
                            i = close + 1;
                        }
                    }
                    out.append('%').append(width).append("d{").append(strftime(format)).append('}');
                }
                case 'p' -> out.append('%').append(width).append("level");
                case 'c' -> out.append('%').append(width).append("logger");
                case 't' -> out.append('%').append(width).append("thread");
                case 'm' -> out.append('%').append(width).append("msg");
                case 'n' -> out.append("%n");
                case 'i' -> out.append(ProcessHandle.current().pid());
                case '%' -> out.append("%%");
                default -> out.append('%').append(width).append(conversion);
            }
        }
        return out.toString();
    }

    /** strftime fields to SimpleDateFormat letters; other letters quoted. */
    private static String strftime(String format) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length()) {
                char f = format.charAt(++i);
                out.append(switch (f) {
                    case 'Y' -> "yyyy";
                    case 'y' -> "yy";
                    case 'm' -> "MM";
                    case 'd' -> "dd";
                    case 'e' -> "d";
                    case 'H' -> "HH";
                    case 'M' -> "mm";
                    case 'S' -> "ss";
                    case 'q', 'Q' -> "SSS";
                    case 'b' -> "MMM";
                    case 'a' -> "EEE";
                    case 'Z' -> "z";
                    case '%' -> "%";
                    default -> "'" + f + "'";
                });
            } else if (Character.isLetter(c)) {
                out.append('\'').append(c).append('\'');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
