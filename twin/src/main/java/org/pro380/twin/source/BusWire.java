package org.pro380.twin.source;

/**
 * A mirrored meter's wire to its bus: cut while its source is stale with
 * {@link StaleMode#SILENT}, so that it hears no frame while keeping power and memory.
 */
@FunctionalInterface
public interface BusWire {

    void cut(boolean cut);
}
