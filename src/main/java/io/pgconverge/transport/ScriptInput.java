package io.pgconverge.transport;

import java.nio.charset.StandardCharsets;

/** What a shell writes to the standard input of its command: the escalation's preamble, then the script. */
final class ScriptInput {
    private ScriptInput() {
    }

    static byte[] of(Escalation escalation, String script) {
        byte[] preamble = escalation.preamble();
        byte[] body = script.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[preamble.length + body.length];
        System.arraycopy(preamble, 0, all, 0, preamble.length);
        System.arraycopy(body, 0, all, preamble.length, body.length);
        return all;
    }
}
