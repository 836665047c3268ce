package io.pgconverge.transport;

/** A node refused to run scripts as the user they must run as (sudo or su said no); the message says why. */
public final class EscalationRefused extends TransportException {
    public EscalationRefused(String message) {
        super(message);
    }
}
