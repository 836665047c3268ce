package io.pgconverge.facts;

/** A line of a configuration file the server could not apply (pg_file_settings.error). */
public record FileSettingError(String file, int line, String name, String error) {
    /** The server's words for a file that sets a postmaster parameter to a value that needs a restart. */
    public static final String AWAITS_RESTART = "setting could not be applied";

    /** Not a failure: the value is valid and takes effect on the next restart. */
    public boolean awaitsRestart() {
        return error.equals(AWAITS_RESTART);
    }

    /**
     * A row with no file: a postmaster parameter a file no longer sets keeps its value until a restart (a promoted
     * standby's recovery_target_timeline, say); nothing is wrong with any line.
     */
    public boolean removedSetting() {
        return file.isEmpty();
    }
}
