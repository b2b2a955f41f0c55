package org.pro380.twin.source;

import com.fasterxml.jackson.databind.JsonNode;
import org.pro380.meter.Load;
import org.pro380.profile.LoadJson;

/** Reads a load out of one JSON message of a source. */
@FunctionalInterface
public interface LoadReader {

    /** A message in the {@code PUT /api/load} format. */
    LoadReader API_FORMAT = LoadJson::read;

    /** The load in {@code message}; IllegalArgumentException says in one line why there is none. */
    Load read(JsonNode message);
}
