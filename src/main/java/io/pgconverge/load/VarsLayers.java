package io.pgconverge.load;

import java.util.List;
import java.util.Map;

/**
 * Variables from group_vars/ and host_vars/ folders, one layer per folder in rising precedence (the inventory's
 * folder, then the playbook's): for each layer, group name or host name to its variables.
 */
record VarsLayers(List<Map<String, Map<String, Var>>> groupVars, List<Map<String, Map<String, Var>>> hostVars) {
    VarsLayers {
        groupVars = List.copyOf(groupVars);
        hostVars = List.copyOf(hostVars);
    }

    static VarsLayers none() {
        return new VarsLayers(List.of(), List.of());
    }
}
