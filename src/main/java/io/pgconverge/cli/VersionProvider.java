package io.pgconverge.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads the version Maven filtered into pgconverge-version.properties. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/pgconverge-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"pgconverge " + version()};
    }
}
