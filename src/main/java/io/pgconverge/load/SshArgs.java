package io.pgconverge.load;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two ssh options the engine honours from ansible_ssh_common_args / ansible_ssh_extra_args:
 * {@code -o UserKnownHostsFile=PATH} and {@code -o StrictHostKeyChecking=accept-new} (also "no": the
 * engine still refuses a changed key).
 */
record SshArgs(Optional<String> knownHostsFile, boolean acceptNewHostKeys) {
    static SshArgs parse(String arguments) {
        List<String> words = ExtraVars.words(arguments);
        Optional<String> knownHosts = Optional.empty();
        boolean acceptNew = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            String option;
            if (word.equals("-o") && i + 1 < words.size()) {
                option = words.get(++i);
            } else if (word.startsWith("-o") && word.length() > 2) {
                option = word.substring(2);
            } else {
                continue;
            }
            String[] kv = option.strip().split("\\s*=\\s*|\\s+", 2);
            if (kv.length < 2) {
                continue;
            }
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv[1].strip();
            if (key.equals("userknownhostsfile") && knownHosts.isEmpty()) {
                knownHosts = Optional.of(value.split("\\s+")[0]);
            } else if (key.equals("stricthostkeychecking")) {
                acceptNew = List.of("accept-new", "no", "off").contains(value.toLowerCase(Locale.ROOT));
            }
        }
        return new SshArgs(knownHosts, acceptNew);
    }
}
