package dev.kakapo.api.hooks;

/**
 * A function a hook library registers at a {@link HookPoint}. The server calls it with the hook
 * point's context and acts on the returned step. A callout that throws is logged and counted
 * and the server goes on as if it had returned {@link NextStep#CONTINUE}.
 *
 * @param <C> the context type of the hook point
 */
@FunctionalInterface
public interface Callout<C> {

    /** Runs the callout on {@code context}; returns what the server does next, never null. */
    NextStep call(C context) throws Exception;
}
