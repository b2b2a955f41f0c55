package org.pro380.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The built-in profiles (resources under {@code profiles/}) and profiles from files, by the name people give. */
public final class Profiles {

    /** Every built-in profile, documented with a plot each in docs/profiles.md. */
    public static final List<String> BUILT_IN = List.of("household", "pv", "ev-charging", "heat-pump", "office");

    private Profiles() {}

    /** A built-in profile's name, or a .csv or .json file; IllegalArgumentException says what is wrong in one line. */
    public static Profile resolve(String nameOrFile) {
        Optional<Profile> builtIn = builtIn(nameOrFile);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        Path file = Path.of(nameOrFile);
        if (!Files.exists(file) && !nameOrFile.contains(".")) {
            throw new IllegalArgumentException("no profile '" + nameOrFile + "': the built-in ones are "
                    + String.join(", ", BUILT_IN) + "; else give a .csv or .json file");
        }
        return file(file);
    }

    /** The built-in profile {@code name}, if there is one. */
    public static Optional<Profile> builtIn(String name) {
        if (!BUILT_IN.contains(name)) {
            return Optional.empty();
        }
        String resource = "profiles/" + name + ".csv";
        try (InputStream in = Profiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return Optional.of(ProfileCsv.parse(name, resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A profile file: CSV or JSON by its extension, named after the file. */
    public static Profile file(Path file) {
        String fileName = file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".json")) {
            throw new IllegalArgumentException(file + ": a profile is a .csv or .json file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
        String name = fileName.substring(0, fileName.lastIndexOf('.'));
        return lower.endsWith(".csv")
                ? ProfileCsv.parse(name, file.toString(), text)
                : ProfileJson.parse(name, file.toString(), text);
    }
}
