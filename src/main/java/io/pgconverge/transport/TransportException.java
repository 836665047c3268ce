package io.pgconverge.transport;

import io.pgconverge.model.EngineException;

/** A node could not be reached or a command could not be run on it. */
public class TransportException extends EngineException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
