package io.pgconverge.transport;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Sockets with TCP_NODELAY, as OpenSSH's client sets it: SSH sends many small packets that wait for an answer
 * (channel open, exec request, key exchange steps), and with Nagle's algorithm each such exchange can stall for
 * the peer's delayed acknowledgement (40 ms on Linux), which made every command on a node 40 ms slower.
 */
final class NoDelaySockets extends SocketFactory {
    static final NoDelaySockets INSTANCE = new NoDelaySockets();

    private NoDelaySockets() {
    }

    @Override
    public Socket createSocket() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        return s;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
        return connected(new Socket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
        return connected(new Socket(host, port, local, localPort));
    }

    private static Socket connected(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
