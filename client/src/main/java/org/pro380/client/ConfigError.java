package org.pro380.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one-line wording of a JSON config file's error (the twin's and the bridge's): where
 * (line:column), which field, and what is expected, in the config's own words rather than the
 * JSON library's, and never a Java class name.
 */
public final class ConfigError {

    private static final Map<String, String> EXPECTED = Map.of(
            "Integer",
            "an integer",
            "Long",
            "an integer",
            "Double",
            "a number",
            "Boolean",
            "true or false",
            "String",
            "a string",
            "IdentityJson",
            "an object",
            "SettingsJson",
            "an object",
            "LinkedHashMap",
            "an object");

    private ConfigError() {}

    /** A value the program refuses, at a top-level field such as "settings" or "tcp". */
    public static final class AtField extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String path;

        public AtField(String path, String message) {
            super(message);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** A config file refused: one line that starts with the file's name ("twin.json:3:14: settings.unitId: ..."). */
    public static final class InFile extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InFile(String message) {
            super(message);
        }
    }

    /** What a config file's text makes; AtField for a value refused at a field. */
    public interface Parse<T> {
        T from(String text) throws JsonProcessingException;
    }

    /**
     * What {@code parse} makes of the text of config file {@code file}, nulls refused first; a file
     * that cannot be read, is not JSON or has a value refused at a field is an {@link InFile}
     * saying where: {@code twin.json:3:14: settings.unitId: expected an integer, got "seven"}.
     */
    public static <T> T read(Path file, Parse<T> parse) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InFile(file + ": no such file");
        } catch (IOException e) {
            throw new InFile(file + ": cannot read: " + e.getMessage());
        }
        try {
            refuseNulls(text);
            return parse.from(text);
        } catch (JsonProcessingException e) {
            throw new InFile(file + ":" + of(e, text));
        } catch (AtField e) {
            throw new InFile(file + ":" + locate(text, e.path()) + " " + e.path() + ": " + e.getMessage());
        }
    }

    /** Reading or applying a field of a config file. */
    public interface Step<T> {
        T run() throws JsonProcessingException;
    }

    /** What Jackson threw reading the value of top-level field {@code key}, at the field it names within. */
    public static AtField at(String key, JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            String within = path(m);
            return new AtField(
                    within.isEmpty() ? key : within.startsWith("[") ? key + within : key + "." + within, what(m));
        }
        return new AtField(key, firstLine(e.getOriginalMessage()));
    }

    /** "3:14: settings.unitId: expected an integer, got "seven"" from what Jackson threw. */
    public static String of(JsonProcessingException e, String json) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : at.getLineNr() + ":" + at.getColumnNr() + ":";
        if (e instanceof JsonMappingException m && !path(m).isEmpty()) {
            String field = locate(json, path(m));
            where = field.isEmpty() ? where : field;
        }
        if (e instanceof NullValue) {
            return where + " " + e.getOriginalMessage();
        }
        if (!(e instanceof JsonMappingException m)) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Duplicate field")) {
                return where + " " + message.replaceFirst("Duplicate field '(.*)'", "$1") + ": given twice";
            }
            return where + " not valid JSON: " + firstLine(message);
        }
        String field = path(m);
        return where + " " + (field.isEmpty() ? "" : field + ": ") + what(m);
    }

    private static String what(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field; expected one of "
                    + u.getKnownPropertyIds().stream()
                            .map(Object::toString)
                            .sorted()
                            .collect(Collectors.joining(", "));
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return firstLine(String.valueOf(e.getCause().getMessage()));
        }
        if (e.getOriginalMessage().startsWith("Trailing token")) {
            return "not valid JSON: more after the end of the config";
        }
        if (e instanceof MismatchedInputException mi && mi.getTargetType() != null) {
            Class<?> type = mi.getTargetType();
            return "expected "
                    + EXPECTED.getOrDefault(
                            type.getSimpleName(),
                            Collection.class.isAssignableFrom(type) || type.isArray() ? "a list" : "an object");
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse(text);
    }

    /**
     * Refuses an explicit null anywhere: a field is given with a value or left out for its
     * default. Syntax errors are left for the full read to report.
     */
    public static void refuseNulls(String json) throws JsonProcessingException {
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_NULL) {
                    String path = p.getParsingContext()
                            .pathAsPointer()
                            .toString()
                            .substring(1)
                            .replace('/', '.');
                    throw new NullValue(path, p.currentTokenLocation());
                }
            }
        } catch (NullValue e) {
            throw e;
        } catch (IOException e) {
            // not valid JSON: the full read says where
        }
    }

    private static final class NullValue extends JsonProcessingException {
        NullValue(String path, JsonLocation at) {
            super((path.isEmpty() ? "" : path + ": ") + "null is not a value; leave the field out for its default", at);
        }
    }

    /**
     * "line:column:" of the field or list element at {@code path} ("settings.unitId",
     * "lines[0].meters[1]") in {@code json}, or "" if it is not there.
     */
    public static String locate(String json, String path) {
        String pointer = "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        try (JsonParser p = new JsonFactory().createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                boolean named = t == JsonToken.FIELD_NAME || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
                if (named
                        && pointer.equals(p.getParsingContext().pathAsPointer().toString())) {
                    JsonLocation at = p.currentTokenLocation();
                    return at.getLineNr() + ":" + at.getColumnNr() + ":";
                }
            }
        } catch (IOException e) {
            // the file parsed once already; a location is a nicety
        }
        return "";
    }
}
