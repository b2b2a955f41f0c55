package org.pro380.client.format;

import java.util.Locale;
import java.util.function.Function;
import org.pro380.client.Snapshot;

/** The output forms of a snapshot. */
public enum Format {
    TABLE(Table::render),
    JSON(Json::render),
    CSV(Csv::render);

    private final Function<Snapshot, String> renderer;

    Format(Function<Snapshot, String> renderer) {
        this.renderer = renderer;
    }

    public String render(Snapshot snapshot) {
        return renderer.apply(snapshot);
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
