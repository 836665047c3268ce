package io.pgconverge.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP address where connection attempts hang, as with a dead host: a listener whose accept queue is full, so the
 * kernel drops further SYNs. Only loopback addresses.
 */
final class Blackhole implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    Blackhole(String address, int port) throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(address, port), 1);
        for (int i = 0; i < 10; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), 300);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return;
            }
        }
        close();
        throw new IllegalStateException("the accept queue of " + address + ":" + port + " did not fill up");
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
