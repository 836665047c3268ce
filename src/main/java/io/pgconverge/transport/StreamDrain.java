package io.pgconverge.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/** Reads a stream to its end on its own thread, so stdout and stderr of a command never block each other. */
final class StreamDrain {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Consumer<String> lines;
    private final Thread thread;

    private StreamDrain(InputStream in, String name, Consumer<String> lines) {
        this.lines = lines;
        thread = new Thread(() -> drain(in), name);
        thread.setDaemon(true);
    }

    static StreamDrain start(InputStream in, String name) {
        return start(in, name, l -> { });
    }

    /** Also hands every line to {@code lines} as it arrives (a carriage return ends a line too, as in progress). */
    static StreamDrain start(InputStream in, String name, Consumer<String> lines) {
        StreamDrain d = new StreamDrain(in, name, lines);
        d.thread.start();
        return d;
    }

    private void feed(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            if (chunk[i] == '\n' || chunk[i] == '\r') {
                if (line.size() > 0) {
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            } else {
                line.write(chunk[i]);
            }
        }
    }

    private void drain(InputStream in) {
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (buffer) {
                    buffer.write(chunk, 0, n);
                }
                feed(chunk, n);
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
