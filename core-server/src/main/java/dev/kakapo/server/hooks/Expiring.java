package dev.kakapo.server.hooks;

import dev.kakapo.api.hooks.LeaseExpireContext;
import dev.kakapo.api.lease.Lease4;

/** The context of {@code lease4_expire}. */
public record Expiring(Lease4 lease, boolean removeLease) implements LeaseExpireContext {
}
