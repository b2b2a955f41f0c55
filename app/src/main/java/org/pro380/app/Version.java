package org.pro380.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code pro380 --version}: the release and the commit the jar was built from. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    /** For example {@code pro380 0.2.0 (commit 58a75c6)}; a build outside a git checkout says so. */
    static String line() {
        String version = Main.class.getPackage().getImplementationVersion();
        Properties build = buildProperties();
        String commit = build.getProperty("git.commit.id.abbrev");
        String dirty = Boolean.parseBoolean(build.getProperty("git.dirty")) ? ", with local changes" : "";
        return "pro380 " + (version == null ? "development build" : version)
                + (commit == null || commit.isBlank() ? "" : " (commit " + commit + dirty + ")");
    }

    private static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // no commit to show
        }
        return properties;
    }
}
