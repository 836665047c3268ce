package io.pgconverge.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads a stream to its end on its own thread, so stdout and stderr of a command never block each other. */
final class StreamDrain {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Thread thread;

    private StreamDrain(InputStream in, String name) {
        thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
    }

    static StreamDrain start(InputStream in, String name) {
        StreamDrain d = new StreamDrain(in, name);
        d.thread.start();
        return d;
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buffer) {
                    buffer.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // the stream ended with its channel; what was read so far is the result
        }
    }

    /** What was read, after waiting up to {@code wait} for the end of the stream. */
    String text(Duration wait) {
        try {
            thread.join(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }
}
