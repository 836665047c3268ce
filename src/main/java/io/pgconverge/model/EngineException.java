package io.pgconverge.model;

/**
 * The project's own failure: one sentence that says what is wrong and, where it can, how to fix it.
 * Library exceptions (sshj, JDBC, I/O) are wrapped into it where they enter the engine's code.
 */
public class EngineException extends RuntimeException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
