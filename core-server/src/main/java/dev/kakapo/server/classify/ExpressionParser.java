package dev.kakapo.server.classify;

import dev.kakapo.api.net.HexBytes;
import dev.kakapo.api.net.Ipv4Address;
import dev.kakapo.api.options.OptionDefinition;
import dev.kakapo.api.options.StandardOptionDefinitions;
import dev.kakapo.api.packet.OptionCode;
import dev.kakapo.server.classify.Lexer.Kind;
import dev.kakapo.server.classify.Lexer.Token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Recursive descent over Kea's expression grammar. Precedence, loosest first: {@code or},
 * {@code and}, {@code not}, {@code ==}, {@code +}; parentheses group. Every operator's operands
 * are checked for kind (bytes or boolean) while parsing, so a configuration that loads cannot
 * fail on a packet.
 */
final class ExpressionParser {

    private final List<Token> tokens;
    private final Predicate<String> classUsable;
    private final Set<String> referencedClasses = new LinkedHashSet<>();
    private int next;

    private ExpressionParser(List<Token> tokens, Predicate<String> classUsable) {
        this.tokens = tokens;
        this.classUsable = classUsable;
    }

    /** Parses a whole boolean expression; {@code classUsable} says which names {@code member()} may use. */
    static Expression parse(String text, Predicate<String> classUsable) throws ExpressionSyntaxException {
        ExpressionParser parser = new ExpressionParser(Lexer.tokens(text), classUsable);
        Node root = parser.or();
        Token end = parser.peek();
        if (!end.is(Kind.END)) {
            throw new ExpressionSyntaxException(end.position(), "unexpected " + end.describe());
        }
        if (!(root instanceof Node.Bool condition)) {
            throw new ExpressionSyntaxException(0, "the expression yields a string, but a class test must be true or false"
                    + " (compare it with ==)");
        }
        return new Expression(text, condition, parser.referencedClasses);
    }

    private Node or() throws ExpressionSyntaxException {
        Node left = and();
        while (peek().isName("or")) {
            Token op = take();
            Node.Bool a = bool(left, op);
            Node.Bool b = bool(and(), op);
            left = (Node.Bool) f -> a.holds(f) || b.holds(f);
        }
        return left;
    }

    private Node and() throws ExpressionSyntaxException {
        Node left = not();
        while (peek().isName("and")) {
            Token op = take();
            Node.Bool a = bool(left, op);
            Node.Bool b = bool(not(), op);
            left = (Node.Bool) f -> a.holds(f) && b.holds(f);
        }
        return left;
    }

    private Node not() throws ExpressionSyntaxException {
        if (peek().isName("not")) {
            Token op = take();
            Node.Bool inner = bool(not(), op);
            return (Node.Bool) f -> !inner.holds(f);
        }
        return equality();
    }

    private Node equality() throws ExpressionSyntaxException {
        Node left = concatenation();
        if (peek().is(Kind.EQUAL)) {
            Token op = take();
            Node.Bytes a = bytes(left, op);
            Node.Bytes b = bytes(concatenation(), op);
            return (Node.Bool) f -> Arrays.equals(a.value(f), b.value(f));
        }
        return left;
    }

    private Node concatenation() throws ExpressionSyntaxException {
        Node left = primary();
        while (peek().is(Kind.PLUS)) {
            Token op = take();
            Node.Bytes a = bytes(left, op);
            Node.Bytes b = bytes(primary(), op);
            left = (Node.Bytes) f -> StringFunctions.concat(a.value(f), b.value(f));
        }
        return left;
    }

    private Node primary() throws ExpressionSyntaxException {
        Token t = take();
        switch (t.kind()) {
            case LPAREN: {
                Node inner = or();
                expect(Kind.RPAREN, "')'");
                return inner;
            }
            case STRING: {
                byte[] value = t.text().getBytes(StandardCharsets.UTF_8);
                return (Node.Bytes) f -> value;
            }
            case HEX: {
                String digits = t.text().length() % 2 == 0 ? t.text() : "0" + t.text();
                byte[] value = HexBytes.parse(digits);
                return (Node.Bytes) f -> value;
            }
            case IP: {
                byte[] value = Ipv4Address.tryParse(t.text())
                        .orElseThrow(() -> new ExpressionSyntaxException(t.position(), "'" + t.text() + "' is not an IPv4 address"))
                        .toBytes();
                return (Node.Bytes) f -> value;
            }
            case INTEGER: {
                byte[] value = PacketValues.uint32(integer(t));
                return (Node.Bytes) f -> value;
            }
            case NAME:
                return named(t);
            default:
                throw new ExpressionSyntaxException(t.position(), "expected a value, found " + t.describe());
        }
    }

    private Node named(Token t) throws ExpressionSyntaxException {
        switch (t.text()) {
            case "option":
                return option();
            case "relay4":
                return relay4();
            case "pkt4":
            case "pkt":
                return packetField(t);
            case "member": {
                expect(Kind.LPAREN, "'(' after member");
                Token name = expect(Kind.STRING, "a quoted class name");
                expect(Kind.RPAREN, "')'");
                return membership(name.text(), name.position());
            }
            case "known":
                return membership("KNOWN", t.position());
            case "unknown": {
                Node.Bool known = membership("KNOWN", t.position());
                return (Node.Bool) f -> !known.holds(f);
            }
            case "substring":
                return substring();
            case "concat": {
                Node.Bytes[] args = twoArguments(t);
                return (Node.Bytes) f -> StringFunctions.concat(args[0].value(f), args[1].value(f));
            }
            case "ifelse": {
                expect(Kind.LPAREN, "'(' after ifelse");
                Token at = peek();
                Node.Bool condition = bool(or(), at);
                expect(Kind.COMMA, "',' after the condition of ifelse");
                Node.Bytes yes = bytesArgument();
                expect(Kind.COMMA, "',' between the branches of ifelse");
                Node.Bytes no = bytesArgument();
                expect(Kind.RPAREN, "')'");
                return (Node.Bytes) f -> condition.holds(f) ? yes.value(f) : no.value(f);
            }
            case "hexstring": {
                Node.Bytes[] args = twoArguments(t);
                return (Node.Bytes) f -> StringFunctions.hexstring(args[0].value(f), args[1].value(f));
            }
            case "split": {
                expect(Kind.LPAREN, "'(' after split");
                Node.Bytes value = bytesArgument();
                expect(Kind.COMMA, "',' before the delimiters of split");
                Node.Bytes delimiters = bytesArgument();
                expect(Kind.COMMA, "',' before the field number of split");
                int field = (int) integer(expect(Kind.INTEGER, "a field number"));
                expect(Kind.RPAREN, "')'");
                return (Node.Bytes) f -> StringFunctions.split(value.value(f), delimiters.value(f), field);
            }
            case "lcase": {
                Node.Bytes value = onlyArgument(t);
                return (Node.Bytes) f -> StringFunctions.lower(value.value(f));
            }
            case "ucase": {
                Node.Bytes value = onlyArgument(t);
                return (Node.Bytes) f -> StringFunctions.upper(value.value(f));
            }
            case "match":
                return match();
            case "addrtotext": {
                Node.Bytes value = onlyArgument(t);
                return (Node.Bytes) f -> StringFunctions.addressToText(value.value(f));
            }
            case "int8totext":
            case "int16totext":
            case "int32totext":
            case "uint8totext":
            case "uint16totext":
            case "uint32totext": {
                Node.Bytes value = onlyArgument(t);
                boolean signed = !t.text().startsWith("u");
                int bytes = t.text().contains("8") ? 1 : t.text().contains("16") ? 2 : 4;
                return (Node.Bytes) f -> StringFunctions.integerToText(value.value(f), bytes, signed);
            }
            default:
                throw new ExpressionSyntaxException(t.position(), "unknown name '" + t.text() + "'");
        }
    }

    /** {@code option[CODE or NAME]} followed by {@code .hex}, {@code .text}, {@code .exists} or {@code .option[SUB]...}. */
    private Node option() throws ExpressionSyntaxException {
        expect(Kind.LBRACKET, "'[' after option");
        Token which = take();
        int code;
        if (which.is(Kind.INTEGER)) {
            code = (int) integer(which);
            if (code < 1 || code > 254) {
                throw new ExpressionSyntaxException(which.position(), "option code " + code + " is not between 1 and 254");
            }
        } else if (which.is(Kind.NAME)) {
            code = StandardOptionDefinitions.byName(StandardOptionDefinitions.DHCP4_SPACE, which.text())
                    .map(OptionDefinition::code)
                    .orElseThrow(() -> new ExpressionSyntaxException(which.position(), "no standard DHCPv4 option is named '"
                            + which.text() + "'; use its code"));
        } else {
            throw new ExpressionSyntaxException(which.position(), "expected an option code or name, found " + which.describe());
        }
        expect(Kind.RBRACKET, "']'");
        expect(Kind.DOT, "'.' and hex, text, exists or option[...] after option[" + which.text() + "]");
        Token what = expect(Kind.NAME, "hex, text, exists or option[...]");
        if (what.text().equals("option")) {
            expect(Kind.LBRACKET, "'[' after option");
            Token sub = expect(Kind.INTEGER, "a sub-option code");
            int subCode = (int) integer(sub);
            expect(Kind.RBRACKET, "']'");
            expect(Kind.DOT, "'.' and hex, text or exists");
            Token access = expect(Kind.NAME, "hex, text or exists");
            return representation(access, f -> PacketValues.subOption(f, code, subCode), -1, "hex, text or exists");
        }
        return representation(what, f -> PacketValues.option(f, code), code, "hex, text, exists or option[...]");
    }

    /** {@code relay4[SUB]}: a sub-option of the relay agent information option (82). */
    private Node relay4() throws ExpressionSyntaxException {
        expect(Kind.LBRACKET, "'[' after relay4");
        int sub = (int) integer(expect(Kind.INTEGER, "a sub-option code"));
        expect(Kind.RBRACKET, "']'");
        expect(Kind.DOT, "'.' and hex, text or exists");
        Token access = expect(Kind.NAME, "hex, text or exists");
        return representation(access, f -> PacketValues.subOption(f, OptionCode.RELAY_AGENT_INFORMATION, sub), -1,
                "hex, text or exists");
    }

    /** The three ways to read an option: its bytes, its text, whether it is there. */
    private static Node representation(Token access, Node.Bytes raw, int textCode, String choices)
            throws ExpressionSyntaxException {
        switch (access.text()) {
            case "hex":
                return (Node.Bytes) f -> {
                    byte[] value = raw.value(f);
                    return value == null ? PacketValues.EMPTY : value;
                };
            case "text":
                return (Node.Bytes) f -> PacketValues.text(textCode, raw.value(f));
            case "exists":
                return (Node.Bool) f -> raw.value(f) != null;
            default:
                throw new ExpressionSyntaxException(access.position(), "expected " + choices + ", found '" + access.text() + "'");
        }
    }

    private Node packetField(Token prefix) throws ExpressionSyntaxException {
        expect(Kind.DOT, "'.' after " + prefix.text());
        Token field = expect(Kind.NAME, "a field of " + prefix.text());
        return PacketValues.field(prefix.text(), field.text(), field.position());
    }

    private Node.Bool membership(String name, int position) throws ExpressionSyntaxException {
        if (!classUsable.test(name)) {
            throw new ExpressionSyntaxException(position, "class '" + name
                    + "' is not defined before this class, nor built in");
        }
        referencedClasses.add(name);
        return f -> f.member(name);
    }

    private Node substring() throws ExpressionSyntaxException {
        expect(Kind.LPAREN, "'(' after substring");
        Node.Bytes value = bytesArgument();
        expect(Kind.COMMA, "',' before the start of substring");
        int start = (int) integer(expect(Kind.INTEGER, "a start position"));
        expect(Kind.COMMA, "',' before the length of substring");
        Token lengthToken = take();
        Integer length;
        if (lengthToken.isName("all")) {
            length = null;
        } else if (lengthToken.is(Kind.INTEGER)) {
            length = (int) integer(lengthToken);
        } else {
            throw new ExpressionSyntaxException(lengthToken.position(), "expected a length or all, found " + lengthToken.describe());
        }
        expect(Kind.RPAREN, "')'");
        return (Node.Bytes) f -> StringFunctions.substring(value.value(f), start, length);
    }

    private Node match() throws ExpressionSyntaxException {
        expect(Kind.LPAREN, "'(' after match");
        Token regex = expect(Kind.STRING, "a quoted regular expression");
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex.text());
        } catch (PatternSyntaxException e) {
            throw new ExpressionSyntaxException(regex.position(), "'" + regex.text() + "' is not a regular expression: "
                    + e.getDescription());
        }
        expect(Kind.COMMA, "',' after the regular expression");
        Node.Bytes value = bytesArgument();
        expect(Kind.RPAREN, "')'");
        return (Node.Bool) f -> pattern.matcher(new String(value.value(f), StandardCharsets.ISO_8859_1)).matches();
    }

    /** {@code (string, string)} after a function of two arguments. */
    private Node.Bytes[] twoArguments(Token function) throws ExpressionSyntaxException {
        expect(Kind.LPAREN, "'(' after " + function.text());
        Node.Bytes first = bytesArgument();
        expect(Kind.COMMA, "',' between the two arguments of " + function.text());
        Node.Bytes second = bytesArgument();
        expect(Kind.RPAREN, "')'");
        return new Node.Bytes[] {first, second};
    }

    /** {@code (string)} after a function of one argument. */
    private Node.Bytes onlyArgument(Token function) throws ExpressionSyntaxException {
        expect(Kind.LPAREN, "'(' after " + function.text());
        Node.Bytes value = bytesArgument();
        expect(Kind.RPAREN, "')'");
        return value;
    }

    private Node.Bytes bytesArgument() throws ExpressionSyntaxException {
        Token at = peek();
        return bytes(or(), at);
    }

    private static Node.Bool bool(Node node, Token at) throws ExpressionSyntaxException {
        if (node instanceof Node.Bool b) {
            return b;
        }
        throw new ExpressionSyntaxException(at.position(), "expected true or false (a comparison, exists, member, ...)"
                + " near " + at.describe() + ", found a string");
    }

    private static Node.Bytes bytes(Node node, Token at) throws ExpressionSyntaxException {
        if (node instanceof Node.Bytes b) {
            return b;
        }
        throw new ExpressionSyntaxException(at.position(), "expected a string near " + at.describe()
                + ", found true or false");
    }

    private static long integer(Token t) throws ExpressionSyntaxException {
        try {
            long value = Long.parseLong(t.text());
            if (value < Integer.MIN_VALUE || value > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ExpressionSyntaxException(t.position(), "'" + t.text() + "' does not fit 32 bits");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token t = tokens.get(next);
        if (!t.is(Kind.END)) {
            next++;
        }
        return t;
    }

    private Token expect(Kind kind, String what) throws ExpressionSyntaxException {
        Token t = take();
        if (!t.is(kind)) {
            throw new ExpressionSyntaxException(t.position(), "expected " + what + ", found " + t.describe());
        }
        return t;
    }
}
