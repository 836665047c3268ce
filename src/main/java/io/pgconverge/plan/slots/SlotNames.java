package io.pgconverge.plan.slots;

import io.pgconverge.model.Host;
import io.pgconverge.model.ReplicationSpec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of the physical slots standbys stream through: the playbook's {@code replication.slot_names} entry,
 * else the host address with every character other than a-z, 0-9 and _ replaced by _ ({@code 127.0.0.12 ->
 * 127_0_0_12}), as the runbook names them.
 *
 * <p>A slot is taken to be one the engine created when its name has that address-derived shape of an IPv4
 * address (four groups of digits joined by _). Only such slots are dropped when no member of the cluster
 * uses them; any other slot is left alone and reported. (Which slots an earlier apply created cannot be
 * known from the server, so the name's shape is the mark.)
 */
public final class SlotNames {
    private static final Pattern ENGINE_MADE = Pattern.compile("[0-9]{1,3}(_[0-9]{1,3}){3}");

    private SlotNames() {
    }

    public static String of(ReplicationSpec spec, Host standby) {
        String named = spec.slotNames().get(standby.name());
        return named != null ? named : fromAddress(standby.address());
    }

    public static String fromAddress(String address) {
        String name = address.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public static boolean looksEngineMade(String slot) {
        return ENGINE_MADE.matcher(slot).matches();
    }
}
