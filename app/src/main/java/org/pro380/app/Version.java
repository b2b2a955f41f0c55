package org.pro380.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code pro380 --version}: the project's version and, when the build knew it, the commit. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version file: a development build
        }
        String version = p.getProperty("version", "");
        String commit = p.getProperty("commit", "");
        return new String[] {"pro380 " + (version.isBlank() || version.startsWith("$") ? "development build" : version)
                + (commit.isBlank() || commit.startsWith("$") ? "" : " (commit " + commit + ")")};
    }
}
