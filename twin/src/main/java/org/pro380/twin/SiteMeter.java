package org.pro380.twin;

/** One meter of a {@link TwinSite}: what can be done to it, and where it sits on the site. */
public interface SiteMeter extends TwinControl {

    /** 1-based place of the meter in the site. */
    int index();

    /** 1-based bus the meter is wired to. */
    int bus();
}
