package io.pgconverge.lab;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds out whether a TCP address:port already accepts connections and, where it can, which process holds it. */
final class PortProbe {
    private static final Pattern USER = Pattern.compile("\\(\"([^\"]+)\",pid=(\\d+)");
    private final CommandRunner runner;

    PortProbe(CommandRunner runner) {
        this.runner = runner;
    }

    boolean inUse(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** "postgres (pid 123)" or "another program" when ss cannot tell. */
    String holder(String address, int port) {
        if (!runner.available("ss")) {
            return "another program";
        }
        String out = runner.run(List.of("ss", "-Hltnp", "sport = :" + port)).stdout();
        return holderIn(out, address, port);
    }

    /** Picks the listener of {@code address:port} (or of the wildcard address) from {@code ss -Hltnp} output. */
    static String holderIn(String ssOutput, String address, int port) {
        for (String line : ssOutput.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length < 4 || !listensOn(cols[3], address, port)) {
                continue;
            }
            Matcher m = USER.matcher(line);
            if (m.find()) {
                return m.group(1) + " (pid " + m.group(2) + ")";
            }
            return "another program";
        }
        return "another program";
    }

    private static boolean listensOn(String local, String address, int port) {
        String suffix = ":" + port;
        if (!local.endsWith(suffix)) {
            return false;
        }
        String host = local.substring(0, local.length() - suffix.length());
        return host.equals(address) || host.equals("0.0.0.0") || host.equals("*") || host.equals("[::]");
    }
}
