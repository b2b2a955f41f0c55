package org.pro380.twin;

import java.util.List;

/**
 * A running site as the control API sees it: its meters, meter k at index k - 1. Meter 1 is the
 * one the single-meter calls ({@code /api/state}, ...) act on.
 */
public interface TwinSite {

    /** Every meter of the site, at least one, meter k at index k - 1. */
    List<? extends SiteMeter> meters();
}
