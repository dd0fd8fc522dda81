package dev.kakapo.server.classify;

import java.util.Set;
import java.util.function.Predicate;

/** A compiled {@code test} expression: parsed once, evaluated against each packet. */
public final class Expression {

    private final String text;
    private final Node.Bool root;
    private final Set<String> referencedClasses;

    Expression(String text, Node.Bool root, Set<String> referencedClasses) {
        this.text = text;
        this.root = root;
        this.referencedClasses = Set.copyOf(referencedClasses);
    }

    /**
     * Compiles {@code text}, a boolean expression in Kea's language.
     *
     * @param classUsable whether {@code member('NAME')} may name a class: one defined before, or built in
     * @throws ExpressionSyntaxException naming the position of the first problem
     */
    public static Expression parse(String text, Predicate<String> classUsable) throws ExpressionSyntaxException {
        return ExpressionParser.parse(text, classUsable);
    }

    /** Whether the expression holds for the packet. */
    public boolean holds(PacketFacts facts) {
        return root.holds(facts);
    }

    /** The classes the expression names ({@code member}, {@code known}, {@code unknown}). */
    public Set<String> referencedClasses() {
        return referencedClasses;
    }

    @Override
    public String toString() {
        return text;
    }
}
