package dev.kakapo.server.classify;

import java.util.ArrayList;
import java.util.List;

/** Splits a Kea expression into tokens: literals, names, and the punctuation of the language. */
final class Lexer {

    /** What a token is. */
    enum Kind { STRING, HEX, IP, INTEGER, NAME, LBRACKET, RBRACKET, LPAREN, RPAREN, DOT, COMMA, EQUAL, PLUS, END }

    /** One token and where it starts in the text. */
    record Token(Kind kind, String text, int position) {

        boolean is(Kind expected) {
            return kind == expected;
        }

        boolean isName(String name) {
            return kind == Kind.NAME && text.equals(name);
        }

        String describe() {
            return switch (kind) {
                case END -> "the end of the expression";
                case STRING -> "'" + text + "'";
                default -> "'" + text + "'";
            };
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String text) throws ExpressionSyntaxException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int close = text.indexOf('\'', i + 1);
                if (close < 0) {
                    throw new ExpressionSyntaxException(i, "a string that is never closed");
                }
                out.add(new Token(Kind.STRING, text.substring(i + 1, close), i));
                i = close + 1;
            } else if (c == '0' && i + 1 < text.length() && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')) {
                int end = i + 2;
                while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                    end++;
                }
                if (end == i + 2) {
                    throw new ExpressionSyntaxException(i, "'0x' without hexadecimal digits");
                }
                out.add(new Token(Kind.HEX, text.substring(i + 2, end), i));
                i = end;
            } else if (Character.isDigit(c) || c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                i = number(text, i, out);
            } else if (Character.isLetter(c)) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end))
                        || text.charAt(end) == '_' || text.charAt(end) == '-')) {
                    end++;
                }
                out.add(new Token(Kind.NAME, text.substring(i, end), i));
                i = end;
            } else if (c == '=' && i + 1 < text.length() && text.charAt(i + 1) == '=') {
                out.add(new Token(Kind.EQUAL, "==", i));
                i += 2;
            } else {
                Kind kind = switch (c) {
                    case '[' -> Kind.LBRACKET;
                    case ']' -> Kind.RBRACKET;
                    case '(' -> Kind.LPAREN;
                    case ')' -> Kind.RPAREN;
                    case '.' -> Kind.DOT;
                    case ',' -> Kind.COMMA;
                    case '+' -> Kind.PLUS;
                    default -> throw new ExpressionSyntaxException(i, "unexpected character '" + c + "'");
                };
                out.add(new Token(kind, String.valueOf(c), i));
                i++;
            }
        }
        out.add(new Token(Kind.END, "", text.length()));
        return out;
    }

    /** An integer, or an IPv4 address when four dot-separated numbers follow each other. */
    private static int number(String text, int start, List<Token> out) {
        int end = digits(text, start + (text.charAt(start) == '-' ? 1 : 0));
        int cursor = end;
        int groups = 1;
        while (groups < 4 && text.charAt(start) != '-' && cursor + 1 < text.length() && text.charAt(cursor) == '.'
                && Character.isDigit(text.charAt(cursor + 1))) {
            cursor = digits(text, cursor + 1);
            groups++;
        }
        if (groups == 4) {
            out.add(new Token(Kind.IP, text.substring(start, cursor), start));
            return cursor;
        }
        out.add(new Token(Kind.INTEGER, text.substring(start, end), start));
        return end;
    }

    private static int digits(String text, int from) {
        int end = from;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }
}
