package io.pgconverge.transport;

/** The most telling message of an exception chain, for the one sentence a TransportException carries. */
final class ExceptionText {
    private ExceptionText() {
    }

    static String of(Throwable e) {
        Throwable t = e;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return message == null ? e.getClass().getSimpleName() : message.strip();
    }
}
