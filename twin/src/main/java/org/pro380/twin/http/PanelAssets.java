package org.pro380.twin.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.pro380.client.web.ChartAsset;

/**
 * The front panel's files, served from the classpath folder {@code panel/}: {@code GET /} is
 * {@code panel/index.html} (a meter's face), {@code GET /fleet} is {@code panel/fleet.html} (every
 * meter of the site), {@code GET /panel/NAME} is {@code panel/NAME}, and the charts' files
 * ({@code uplot.js}, {@code uplot.css}, {@code chart.js}) are {@link ChartAsset}s.
 *
 * <p>Only names made of letters, digits, {@code . _ -} (no leading dot) in folders of the same are
 * served, and only files of the types below; anything else is 404, so nothing outside the folder,
 * and no class file, can be reached. Files are read once and kept in memory (they are a few KiB).
 *
 * <p>Caching: every file carries a strong ETag (a hash of its bytes) and {@code Cache-Control:
 * no-cache}, so a browser keeps its copy but asks each time whether it is still current, and gets
 * {@code 304 Not Modified} without a body when it is (see {@link #notModified}). The URLs carry no
 * version, so a longer freshness would show a stale panel after the twin is upgraded. HTML pages
 * also get a Content-Security-Policy allowing only the twin itself as a source: the panel cannot load
 * anything from another host, and works offline.
 */
final class PanelAssets {

    static final String ROOT = "panel/";
    static final String INDEX = "index.html";
    static final String FLEET = "fleet.html";
    /** Where the fleet page is served. */
    static final String FLEET_PATH = "/fleet";

    static final String URL_PREFIX = "/panel/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self';"
            + " script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Pattern SAFE_PATH =
            Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> TYPES = types();

    /** One file as it is served: bytes, Content-Type and ETag. */
    private record Asset(byte[] bytes, String contentType, String etag) {}

    private final ClassLoader loader;
    private final Map<String, Asset> cache = new ConcurrentHashMap<>();

    PanelAssets(ClassLoader loader) {
        this.loader = loader;
    }

    /** The panel's files as packaged with the twin. */
    static PanelAssets fromClasspath() {
        return new PanelAssets(PanelAssets.class.getClassLoader());
    }

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("html", "text/html; charset=utf-8");
        types.put("css", "text/css; charset=utf-8");
        types.put("js", "text/javascript; charset=utf-8");
        types.put("json", "application/json; charset=utf-8");
        types.put("webmanifest", "application/manifest+json; charset=utf-8");
        types.put("svg", "image/svg+xml");
        types.put("png", "image/png");
        types.put("ico", "image/x-icon");
        types.put("woff2", "font/woff2");
        types.put("txt", "text/plain; charset=utf-8");
        return Map.copyOf(types);
    }

    /** {@code GET /}: the panel itself. */
    ApiResponse index() throws ApiException {
        return file(INDEX);
    }

    /** {@code GET /fleet}: the page of all meters. */
    ApiResponse fleet() throws ApiException {
        return file(FLEET);
    }

    /** {@code GET /panel/**}: {@code path} is the request path, starting with {@code /panel/}. */
    ApiResponse asset(String path) throws ApiException {
        if (!path.startsWith(URL_PREFIX)) {
            throw notFound(path);
        }
        return file(path.substring(URL_PREFIX.length()));
    }

    private ApiResponse file(String name) throws ApiException {
        Asset asset = lookup(name).orElseThrow(() -> notFound(URL_PREFIX + name));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", asset.etag());
        headers.put("X-Content-Type-Options", "nosniff");
        if (asset.contentType().startsWith("text/html")) {
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.put("Referrer-Policy", "no-referrer");
        }
        return new ApiResponse(200, asset.contentType(), asset.bytes(), headers);
    }

    private Optional<Asset> lookup(String name) {
        if (!SAFE_PATH.matcher(name).matches()) {
            return Optional.empty();
        }
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null || name.indexOf('.') < 0) {
            return Optional.empty();
        }
        Asset cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Asset> read = read(name, type);
        read.ifPresent(a -> cache.putIfAbsent(name, a));
        return read;
    }

    /**
     * The chart files (uPlot and chart.js, shared with the bridge's page) come from the client's
     * jar; the others from {@code panel/}. A missing file is not remembered, so that requests for
     * made-up names cannot fill the cache.
     */
    private Optional<Asset> read(String name, String type) {
        Optional<ChartAsset> chart = ChartAsset.named(name);
        if (chart.isPresent()) {
            byte[] bytes = chart.get().bytes();
            return Optional.of(new Asset(bytes, type, etag(bytes)));
        }
        try (InputStream in = loader.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            return Optional.of(new Asset(bytes, type, etag(bytes)));
        } catch (IOException e) {
            throw new UncheckedIOException("panel file " + ROOT + name + " cannot be read", e);
        }
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static ApiException notFound(String path) {
        return new ApiException(404, "no panel file " + path + " (the panel is at /)");
    }

    /**
     * The answer to a conditional GET: {@code 304 Not Modified} without a body if the request's
     * If-None-Match names the response's ETag (or is {@code *}), else the response as it is.
     * Content-Length stays that of the full body, as HTTP asks for a 304.
     */
    static ApiResponse notModified(ApiResponse response, Optional<String> ifNoneMatch) {
        String etag = response.headers().get("ETag");
        if (response.status() != 200 || etag == null || ifNoneMatch.isEmpty() || !matches(ifNoneMatch.get(), etag)) {
            return response;
        }
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.remove("Content-Security-Policy");
        headers.put("Content-Length", String.valueOf(response.body().length));
        return new ApiResponse(304, response.contentType(), new byte[0], headers);
    }

    /** If-None-Match is {@code *} or a list of entity tags, compared weakly (a W/ prefix is ignored). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
